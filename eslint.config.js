// Lint rules: typescript-eslint strict with type information, so floating promises are caught, and the
// layers of src/ (what each directory may import).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ (one a directory) and which other layers each may import; anything not named is
 * refused. test/layers.test.ts holds the same table, checks it against the whole import graph (import()
 * too, which this rule does not see) and checks that this config still says it. Tests may cross layers.
 */
const LAYERS = {
  engine: ['kb'],
  kb: [],
  figure: ['kb'],
  words: ['engine', 'kb'],
  store: ['engine', 'kb'],
  fhir: ['engine', 'kb', 'store', 'words'],
  service: ['engine', 'kb', 'store', 'fhir', 'words'],
  server: ['engine', 'kb', 'store', 'fhir', 'words', 'service'],
  cli: ['engine', 'kb', 'store', 'fhir', 'words', 'service', 'server'],
  web: ['engine', 'kb', 'figure', 'words', 'service', 'store'],
};
/** What a layer may take types from, and nothing else: the knowledge base is data. */
const TYPES_ONLY = { kb: ['engine'] };
/** Layers that run unchanged in Node and the browser with no I/O: no package but zod. */
const PURE = ['engine', 'kb', 'figure', 'words'];
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/*.contract.ts'];
const TEST_PACKAGES = {
  regex: '^(vitest|fast-check|playwright|playwright-core|@playwright/|@medplum/|@axe-core/)',
  message:
    'Test code and its packages stay out of the build: only *.test.ts and *.contract.ts use them.',
};

/** One block a layer: `no-restricted-imports` takes one set of options a file, so each block has them all. */
function layerBlock(layer, allowed) {
  const typesOnly = TYPES_ONLY[layer] ?? [];
  const refused = Object.keys(LAYERS).filter(
    (l) => l !== layer && !allowed.includes(l) && !typesOnly.includes(l),
  );
  const patterns = [
    {
      regex: `^(\\.\\./)+(${refused.join('|')})/`,
      message: `src/${layer} imports only from ${[layer, ...allowed].join(', ')} (the layers in eslint.config.js).`,
    },
    TEST_PACKAGES,
  ];
  if (typesOnly.length > 0) {
    patterns.push({
      regex: `^(\\.\\./)+(${typesOnly.join('|')})/`,
      allowTypeImports: true,
      message: `src/${layer} takes only types (import type) from ${typesOnly.join(', ')}.`,
    });
  }
  if (PURE.includes(layer)) {
    patterns.push({
      regex: '^(?!zod(/|$)|\\.)',
      message: `src/${layer} is pure (no I/O, no DOM, Node and browser alike): no package but zod.`,
    });
  }
  return {
    files: [`src/${layer}/**/*.ts`, `src/${layer}/**/*.tsx`],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'scripts/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // `{ userId: _omit, ...rest }` drops a field on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TEST_PACKAGES] }] },
  },
  ...Object.entries(LAYERS).map(([layer, allowed]) => layerBlock(layer, allowed)),
);
