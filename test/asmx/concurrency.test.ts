import { asmxChange } from '../kit/asmx';
import { DEMO } from '../kit/demo';
import { startTestServer, type TestServer } from '../kit/server';

const USERS = ['jdoe', 'test010', 'u1', 'u2', 'u3'];

describe('200 parallel ChangeUserStatus calls on overlapping users', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    for (const name of ['u1', 'u2', 'u3']) await server.engine.addUser({ userName: name, directoryId: DEMO.directory.id });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('leaves each user in a state one call set, with exactly one audit row per call', async () => {
    const calls = Array.from({ length: 200 }, (_, i) => ({ user: USERS[i % USERS.length], code: (i * 7) % 3 === 0 ? 1 : 0, i }));
    const answers = await Promise.all(
      calls.map(async (call) => {
        const answer = await asmxChange(server, call.user, call.code as 0 | 1, { requestId: `call-${call.i}` });
        return { ...call, status: answer.status, body: answer.text };
      }),
    );
    expect(answers.every((a) => a.status === 200 && a.body.includes('success="true"'))).toBe(true);

    const audit = await server.engine.listAudit({ door: 'asmx-get' });
    expect(audit).toHaveLength(200);
    expect(new Set(audit.map((r) => r.requestId)).size).toBe(200);

    for (const name of USERS) {
      const rows = audit.filter((r) => r.target === name);
      const user = await server.engine.findUser({ by: 'userName', value: name });
      // The final state is what the last applied call asked for, and each row's before is the previous row's after.
      expect(user?.status).toBe(rows[rows.length - 1].after);
      for (let k = 1; k < rows.length; k++) expect(rows[k].before).toBe(rows[k - 1].after);
      const requested = new Set(answers.filter((a) => a.user === name).map((a) => (a.code === 1 ? 'enabled' : 'disabled')));
      expect(user && requested.has(user.status)).toBe(true);
    }
  });
});
