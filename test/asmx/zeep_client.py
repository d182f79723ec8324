"""Drives statusbridge's srv.asmx with Debian's python3-zeep, an independent SOAP stack.

Usage: zeep_client.py WSDL_URL PORT_NAME USER PASSWORD TARGET
Prints one JSON object with what each step returned, for the jest test to check.
"""
import json
import sys

import zeep
from lxml import etree


def text_of(result):
    """The method result is an xs:any: zeep hands back lxml elements or a list of them."""
    if isinstance(result, list):
        return "".join(etree.tostring(e, encoding="unicode") for e in result if hasattr(e, "tag"))
    if hasattr(result, "_value_1"):
        return text_of(result._value_1)
    if hasattr(result, "tag"):
        return etree.tostring(result, encoding="unicode")
    return str(result)


def main():
    wsdl_url, port_name, user, password, target = sys.argv[1:6]
    client = zeep.Client(wsdl_url)
    service = client.bind("srv", port_name)
    steps = {}
    auth = etree.fromstring(text_of(service.AuthenticateUser(UID=user, PWD=password)))
    steps["authenticate"] = dict(auth.attrib)
    ticket = auth.get("ticket")
    steps["disable"] = text_of(service.ChangeUserStatus(AuthenticationTicket=ticket, UserName=target, StatusCode=0))
    steps["after_disable"] = text_of(service.GetUser(AuthenticationTicket=ticket, UserName=target))
    steps["enable"] = text_of(service.ChangeUserStatus(AuthenticationTicket=ticket, UserName=target, StatusCode=1))
    steps["after_enable"] = text_of(service.GetUser(AuthenticationTicket=ticket, UserName=target))
    steps["logout"] = text_of(service.LogOut(AuthenticationTicket=ticket))
    steps["after_logout"] = text_of(service.ChangeUserStatus(AuthenticationTicket=ticket, UserName=target, StatusCode=0))
    print(json.dumps(steps))


if __name__ == "__main__":
    main()
