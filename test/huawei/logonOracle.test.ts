import { send } from '../kit/http';
import { DEMO, DEMO_PASSWORDS } from '../kit/demo';
import { startTestServer, type TestServer } from '../kit/server';
import { accountAuth, setStatus, type Reply } from './helpers';

/**
 * Finding 4: account logon must not tell a guesser which accounts exist. Locked, disabled, unknown
 * and wrong-password answers are identical but for the request id, at the Huawei door and the asmx door.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await setStatus(server, 'test010', 'disabled');
});

afterAll(async () => {
  await server.stop();
});

/** What a guesser compares: status, content type and body, the request id left out. */
function shape(reply: Reply): unknown {
  const { request_id: _id, ...body } = reply.json ?? {};
  return { status: reply.status, type: reply.headers.get('content-type'), body };
}

async function asmxShape(userName: string, password: string): Promise<unknown> {
  const answer = await send(server, `/srv.asmx/AuthenticateUser?${new URLSearchParams({ UserName: userName, Password: password })}`);
  return { status: answer.status, text: answer.text };
}

it('answers eight wrong passwords for an existing account exactly as for an unknown one', async () => {
  const expected = shape(await accountAuth(server, 'no-such-account', 'wrong-password', 'en-US'));
  expect(expected).toMatchObject({ status: 401, body: { error_code: 'USG.000000001' } });
  for (let i = 0; i < 8; i++) {
    expect(shape(await accountAuth(server, 'jdoe', 'wrong-password', 'en-US'))).toEqual(expected);
    expect(shape(await accountAuth(server, 'no-such-account', 'wrong-password', 'en-US'))).toEqual(expected);
  }
  // jdoe is locked now: even the right password answers the same.
  expect(shape(await accountAuth(server, 'jdoe', DEMO_PASSWORDS.jdoe, 'en-US'))).toEqual(expected);
  // A disabled account with its right password, and with a wrong one.
  expect(shape(await accountAuth(server, 'test010', DEMO_PASSWORDS.test010, 'en-US'))).toEqual(expected);
  expect(shape(await accountAuth(server, 'test010', 'wrong-password', 'en-US'))).toEqual(expected);
});

it('the asmx door answers alike too', async () => {
  const expected = await asmxShape('no-such-account', 'wrong-password');
  expect(await asmxShape('test010', DEMO_PASSWORDS.test010)).toEqual(expected);
  expect(await asmxShape('jdoe', DEMO_PASSWORDS.jdoe)).toEqual(expected);
  expect(await asmxShape(DEMO.admin.userName, 'wrong-password')).toEqual(expected);
});
