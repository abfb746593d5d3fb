import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

// The stage folders: each imports only the context, the libraries (lib, net, util), proc,
// errors and the reporter, never another stage; the pipeline hands results on through the
// context. __tests__/pipeline-imports.test.ts checks the same, and that no import cycle exists.
const STAGES = ['plan', 'toolchain', 'cache', 'build', 'verify', 'package', 'publish']
const stageBoundaries = STAGES.map(stage => ({
  files: [`src/${stage}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(${STAGES.filter(s => s !== stage).join('|')})(/|$)`,
            message: `a stage never imports another stage: move the shared code to src/lib, src/net or src/util, or pass the value through the context`
          }
        ]
      }
    ]
  }
}))

// The libraries under the stages (lib, net, util) import each other and errors.ts only.
const libraryBoundaries = ['lib', 'net', 'util'].map(dir => ({
  files: [`src/${dir}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^\\.\\./(?!(lib|net|util)/|errors\\.js$)',
            message:
              'a library imports only src/lib, src/net, src/util and errors.ts: it sits under every stage'
          }
        ]
      }
    ]
  }
}))

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'build-tsc/**',
      '__tests__/fixtures/**',
      'coverage/**',
      'bench/out/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'no-console': 'off'
    }
  },
  ...stageBoundaries,
  ...libraryBoundaries
)
