/**
 * The boundaries of the house, checked by `npm run lint` (and so by `npm test`). Each rule is an
 * allowlist for one layer, written as "anything outside this list is forbidden", by folder
 * patterns so files may come and go inside a layer. Type-only imports count: they are edges a
 * reader follows too, and a type cycle is still a cycle.
 */
const ENGINE_BUILTINS = '^(node:)?(crypto|os|util|events|timers)$';
const DOOR_FOLDER = '^src/doors/([^/]+)/';
const DOOR_HELPER = '^src/doors/[^/]+\\.ts$';
const ENGINE_INDEX = '^src/engine/index\\.ts$';
const HTTP_HELPER = '^src/http/[^/]+\\.ts$';
const CONFIG_OR_LOG = '^src/(config|log)\\.ts$';
const NPM = 'node_modules';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import cycles in src/, type-only imports included.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'engine-imports-only-itself',
      comment: 'The engine imports only its own files and the Node built-ins it needs: no logger, no config, no package.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { pathNot: ['^src/engine/', ENGINE_BUILTINS] },
    },
    {
      name: 'door-allowlist',
      comment:
        "A door imports the engine's public index, the shared http and door helpers, the config and logger (as types), " +
        'its own folder and npm packages: never a store, never another door, never the composition (app, server).',
      severity: 'error',
      from: { path: DOOR_FOLDER },
      to: { pathNot: [ENGINE_INDEX, HTTP_HELPER, DOOR_HELPER, '^src/doors/$1/', CONFIG_OR_LOG, NPM], dependencyTypesNot: ['core'] },
    },
    {
      name: 'door-helper-allowlist',
      comment: 'The shared door helpers (src/doors/*.ts) import what a door may, and no door folder.',
      severity: 'error',
      from: { path: DOOR_HELPER },
      to: { pathNot: [ENGINE_INDEX, HTTP_HELPER, DOOR_HELPER, CONFIG_OR_LOG, NPM], dependencyTypesNot: ['core'] },
    },
    {
      name: 'doors-read-config-and-log-as-types',
      comment: 'Doors are handed their config and logger (DoorDeps); they import only the types.',
      severity: 'error',
      from: { path: '^src/doors/' },
      to: { path: CONFIG_OR_LOG, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'store-allowlist',
      comment: "Stores import the engine's public index or port, the store helpers and their own folder, the config type and npm drivers.",
      severity: 'error',
      from: { path: '^src/store/' },
      to: { pathNot: ['^src/engine/(index|storePort)\\.ts$', '^src/store/', '^src/config\\.ts$', NPM], dependencyTypesNot: ['core'] },
    },
    {
      name: 'store-config-as-type',
      comment: 'createStore reads the settings it is given; no store loads config.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/config\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'store-dialects-apart',
      comment: 'A dialect folder shares code with the other only through the store helpers (src/store/*.ts).',
      severity: 'error',
      from: { path: '^src/store/([^/]+)/' },
      to: { path: '^src/store/[^/]+/', pathNot: '^src/store/$1/' },
    },
    {
      name: 'sqlite-store-driver',
      comment: 'The SQLite store uses better-sqlite3 and no other package.',
      severity: 'error',
      from: { path: '^src/store/sqlite/' },
      to: { path: NPM, pathNot: 'node_modules/better-sqlite3/' },
    },
    {
      name: 'postgres-store-driver',
      comment: 'The PostgreSQL store uses pg and no other package.',
      severity: 'error',
      from: { path: '^src/store/postgres/' },
      to: { path: NPM, pathNot: 'node_modules/(pg|@types/pg)/' },
    },
    {
      name: 'store-helpers-no-driver',
      comment: 'The shared store helpers are dialect-free: no driver package.',
      severity: 'error',
      from: { path: '^src/store/[^/]+\\.ts$' },
      to: { path: NPM },
    },
    {
      name: 'http-below-doors',
      comment: 'The shared http helpers serve every door; they import no door and no store (app.ts composes them).',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/(doors|store)/' },
    },
  ],
  options: {
    doNotFollow: { path: NPM },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
