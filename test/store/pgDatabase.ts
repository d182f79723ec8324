import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** The URL of the fresh database. */
  url: string;
  drop(): Promise<void>;
}

/** Runs one statement on the database the base URL names (the CI run's own database). */
async function onBase(baseUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database sb_test_<random> next to the one baseUrl names, so test files and runs never share one. */
export async function createTestDatabase(baseUrl: string): Promise<TestDatabase> {
  const name = `sb_test_${randomBytes(6).toString('hex')}`;
  await onBase(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onBase(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
