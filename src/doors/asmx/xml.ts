/** As ASMX writes it, encoding in lower case; the escape every door shares is in ../xml.ts. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
