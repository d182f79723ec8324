/** The two languages Huawei's API answers in; zh-CN when the caller names neither. */
export type Language = 'zh-CN' | 'en-US';

/** Every error_msg this door can send, by wire code, in both languages: the one message table. */
export const HUAWEI_MESSAGES: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  'USG.000000001': { 'zh-CN': '账号或密码错误', 'en-US': 'Incorrect account or password' },
  'USG.000000002': { 'zh-CN': '账号已被禁用', 'en-US': 'The account is disabled' },
  'USG.000000003': {
    'zh-CN': '多次登录失败，账号已被锁定，请稍后重试',
    'en-US': 'The account is locked after repeated failed logons; try again later',
  },
  'USG.000000004': { 'zh-CN': 'Token无效或已过期', 'en-US': 'The token is invalid or has expired' },
  'USG.000000005': { 'zh-CN': '权限不足', 'en-US': 'Insufficient permissions' },
  'USG.000000006': { 'zh-CN': '参数无效', 'en-US': 'Invalid parameter' },
  'USG.000000007': { 'zh-CN': 'nonce已被使用', 'en-US': 'The nonce has already been used' },
  'USG.000000008': { 'zh-CN': 'App ID不存在或已被吊销', 'en-US': 'The app ID does not exist or has been revoked' },
  'USG.000000009': { 'zh-CN': '服务暂不可用，请稍后重试', 'en-US': 'The service is temporarily unavailable; try again later' },
  'USG.000000010': { 'zh-CN': '服务端异常', 'en-US': 'Internal server error' },
  'USG.000000020': { 'zh-CN': '请求体不是合法的JSON', 'en-US': 'The request body is not valid JSON' },
  'USG.000000021': { 'zh-CN': '请求体过大', 'en-US': 'The request body is too large' },
  'USG.000000022': { 'zh-CN': '请求参数错误', 'en-US': 'A request parameter is missing or invalid' },
  'USG.000000023': { 'zh-CN': '缺少或无法解析Authorization头', 'en-US': 'The Authorization header is missing or malformed' },
  'USG.000000024': { 'zh-CN': '签名校验失败', 'en-US': 'The signature does not match' },
  'USG.000000025': { 'zh-CN': '签名已过期', 'en-US': 'The signature has expired' },
  'USG.000000026': { 'zh-CN': '接口不存在', 'en-US': 'No such API' },
  'USG.201040000': { 'zh-CN': '用户不存在', 'en-US': 'The user does not exist' },
  'USG.201040001': { 'zh-CN': '企业目录不存在', 'en-US': 'The directory does not exist' },
  'USG.201040002': { 'zh-CN': '用户已存在', 'en-US': 'The user already exists' },
  'USG.201040003': { 'zh-CN': '企业目录已存在', 'en-US': 'The directory already exists' },
  'USG.201040004': { 'zh-CN': '启用用户数将超过企业账号资源上限', 'en-US': 'Enabling these users would exceed the seat limit' },
  'USG.201040005': { 'zh-CN': '不能禁用最后一个启用的管理员', 'en-US': 'The last enabled administrator cannot be disabled' },
  'USG.201040006': { 'zh-CN': '账号未被托管', 'en-US': 'The account is not under trusteeship' },
  'USG.201040020': { 'zh-CN': '请求体必须是账号数组', 'en-US': 'The request body must be an array of accounts' },
  'USG.201040021': { 'zh-CN': '账号列表不能为空', 'en-US': 'The account list is empty' },
  'USG.201040022': { 'zh-CN': '账号列表只能包含字符串', 'en-US': 'Every account in the list must be a string' },
  'USG.201040023': { 'zh-CN': '账号列表超过上限', 'en-US': 'The account list is longer than the limit' },
  'USG.201040024': { 'zh-CN': '状态值只能是0（正常）或1（禁用）', 'en-US': 'The status value must be 0 (normal) or 1 (disabled)' },
  'USG.201040025': { 'zh-CN': 'accountType只能是0或1', 'en-US': 'accountType must be 0 or 1' },
};

/** Accept-Language: English when the first tag is English, Chinese otherwise (Huawei's default). */
export function languageOf(acceptLanguage: string | undefined): Language {
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en-US' : 'zh-CN';
}

export function messageFor(code: string, language: Language): string {
  const row = HUAWEI_MESSAGES[code];
  if (!row) throw new Error(`huawei door: no message for ${code}`);
  return row[language];
}

/** A message with a fact appended (the unknown accounts, the list limit), punctuated per language. */
export function messageWithDetail(code: string, language: Language, detail: string | undefined): string {
  const base = messageFor(code, language);
  if (!detail) return base;
  return language === 'zh-CN' ? `${base}：${detail}` : `${base}: ${detail}`;
}
