/** Names the folder, made once per jest run by globalSetup, that holds the seeded demo database. */
export const TEMPLATE_DIR_VARIABLE = 'STATUSBRIDGE_TEST_TEMPLATE_DIR';
