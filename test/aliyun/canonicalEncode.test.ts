import { aliyunEncode, parseUrlEncoded } from '../../src/doors/aliyun/canonicalEncode';

describe('the signing encoding', () => {
  test("encodes !'()* and space as %XX, keeps ~ and unreserved characters", () => {
    expect(aliyunEncode("a b*c~d!'()/+=&中")).toBe('a%20b%2Ac~d%21%27%28%29%2F%2B%3D%26%E4%B8%AD');
    expect(aliyunEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
  });

  test('decodes any wire encoding to the same pairs, in wire order', () => {
    const raw = 'Odd=a%20b*c~d!%27()%2F%2B%3D%26%E4%B8%AD&Empty=&Bare&Plus=a+b';
    expect(parseUrlEncoded(raw)).toEqual([
      ['Odd', "a b*c~d!'()/+=&中"],
      ['Empty', ''],
      ['Bare', ''],
      ['Plus', 'a b'],
    ]);
  });
});
