import Bss, { SetResellerUserStatusRequest } from '@alicloud/bssopenapi20171214';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import * as $Util from '@alicloud/tea-util';
import RPCClient from '@alicloud/pop-core';
import { DEMO } from '../kit/demo';

export interface AccessKeyPair {
  accessKeyId: string;
  accessKeySecret: string;
}

export const DEMO_KEY: AccessKeyPair = DEMO.accessKey;

/** The Alibaba SDKs' V1 algorithm is called 'v2' in their config. */
export type SdkSignature = 'v3' | 'v1';

export interface BssParams {
  OwnerId?: string;
  Status?: string;
  BusinessType?: string;
  StopMode?: string;
}

export interface BssBody {
  code?: string;
  message?: string;
  data?: boolean;
  requestId?: string;
  success?: boolean;
}

export async function bssSetResellerUserStatus(
  port: number,
  params: BssParams,
  sig: SdkSignature = 'v3',
  key = DEMO_KEY,
): Promise<BssBody> {
  const config = new $OpenApiUtil.Config({ ...key, endpoint: `127.0.0.1:${port}`, protocol: 'http' });
  if (sig === 'v1') config.signatureAlgorithm = 'v2';
  const client = new Bss(config);
  const request = new SetResellerUserStatusRequest({
    ownerId: params.OwnerId,
    status: params.Status,
    businessType: params.BusinessType,
    stopMode: params.StopMode,
  });
  const response = await client.setResellerUserStatus(request);
  return { ...response.body };
}

export interface UpdateUserStatusParams {
  DirectoryId?: string;
  UserId?: string;
  NewStatus?: string;
}

/** The CloudSSO SDK is not on npm: its updateUserStatus is exactly this callApi. */
export async function cloudSsoUpdateUserStatus(
  port: number,
  params: UpdateUserStatusParams,
  options: { sig?: SdkSignature; inBody?: boolean; key?: AccessKeyPair } = {},
): Promise<Record<string, unknown>> {
  const key = options.key ?? DEMO_KEY;
  const config = new $OpenApi.Config({ ...key, endpoint: `127.0.0.1:${port}`, protocol: 'http' });
  if (options.sig === 'v1') config.signatureAlgorithm = 'v2';
  const client = new OpenApi(config);
  const apiParams = new $OpenApi.Params({
    action: 'UpdateUserStatus',
    version: '2021-05-15',
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new $OpenApi.OpenApiRequest(options.inBody ? { body: { ...params } } : { query: { ...params } });
  const response = await client.callApi(apiParams, request, new $Util.RuntimeOptions({}));
  return response.body as Record<string, unknown>;
}

export async function popCoreSetResellerUserStatus(
  port: number,
  params: BssParams,
  method: 'GET' | 'POST',
  key = DEMO_KEY,
): Promise<Record<string, unknown>> {
  const client = new RPCClient({ ...key, endpoint: `http://127.0.0.1:${port}`, apiVersion: '2017-12-14' });
  return client.request<Record<string, unknown>>('SetResellerUserStatus', params, { method });
}

/** What every SDK's thrown error carries. */
export interface SdkError {
  code: string;
  statusCode?: number;
  data?: Record<string, unknown>;
  accessDeniedDetail?: Record<string, unknown>;
}

export async function sdkError(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (err) {
    return err as SdkError;
  }
  throw new Error('the SDK call succeeded but was expected to fail');
}
