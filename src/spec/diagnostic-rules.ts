// Every kind of diagnostic the spec checker reports, with what it means. Diagnostics can only carry
// one of these ids (the type says so), docs/spec-format.md lists them, and test/spec/bad-specs.test.ts
// holds each to a fixture under test/fixtures/bad-specs/.

export const DIAGNOSTIC_RULES = {
  // Reading a file
  'not-a-file': 'A `.yaml` path under specs/ that is not a regular file (a named pipe, socket or device); it is not read, since reading it could block forever.',
  'not-utf8': 'The file is not UTF-8 text; the position is that of the first byte that breaks it.',
  'resource-limit': 'The file goes past a limit of the loader: its size, its nesting depth, or how far its aliases expand (an alias bomb).',
  'yaml-syntax': 'The file is not valid YAML.',
  'duplicate-key': 'A mapping names the same key twice; YAML would silently keep one of them.',
  // The file against spec-file.schema.json
  'unknown-file-kind': 'The file has none of the top-level keys that say what kind of spec file it is.',
  'unknown-key': 'A key the spec format does not have, usually a typo; the hint names the closest one.',
  'missing-key': 'A key the spec format requires is absent.',
  'bad-name': 'A name used as a key (a field, header, error code, resource kind, response path or numeric code) that does not have the form its place requires.',
  schema: 'A value of the wrong type, out of its allowed range or not matching its pattern.',
  // Files that must exist once
  'missing-service': 'There is no service file (specs/service.yaml).',
  'missing-errors': 'There is no error catalogue (specs/errors.yaml).',
  'missing-emulator': 'There is no emulator file (specs/emulator.yaml).',
  'duplicate-service': 'A second service file.',
  'duplicate-errors': 'A second error catalogue.',
  'duplicate-emulator': 'A second emulator file.',
  // Names across files
  'duplicate-action': 'Two files declare the same action.',
  'duplicate-type': 'Two files declare the same shared type.',
  'duplicate-workflow': 'Two files declare the same workflow.',
  'duplicate-surface': 'Two files declare the same endpoint, channel or callback.',
  'file-name': 'A file is not named after the action or type it declares, so it cannot be found by name.',
  'unknown-area': 'An action file sits in a folder that is not an area of the service file.',
  'unknown-type': 'A lower-case type that is not one of the built-in scalars (string, integer, number, boolean).',
  'missing-type': 'A type name with no file under specs/types/.',
  'undeclared-name': 'A required/always list or a rule names a field the shape does not have.',
  // What the model means
  'constraint-type': "A constraint or format that does not apply to the field's type (maxLength on an integer, an enum value of the wrong type).",
  'type-usage': 'A shared type used in a direction (request or response) its `usage` does not allow.',
  'unused-type': 'A shared type no action, endpoint, channel or callback uses (a warning).',
  'empty-area': 'An area of the service file without actions (a warning).',
  'unknown-error-code': 'An error code that is not in the error catalogue.',
  'duplicate-role': 'Two error codes or headers claim the same role.',
  'missing-role': 'No error code, header or numeric code fills a role the emulator and runner need.',
  'example-invalid': "An example (of an action, endpoint, channel, callback, or a single field) that breaks its own schema.",
  // The emulator
  'no-emulator-block': 'An action without an `emulator:` block (or with one that does nothing), which the emulator could only answer with placeholder values.',
  'expression-syntax': 'An `= expression` in an emulator block does not parse.',
  'emulator-ref': 'An emulator block names a resource kind, function, variable or field that does not exist.',
  // Audio rules and resource references
  'audio-ref': "An `audio:` block names a parameter the request does not have, maps formats its format parameter does not allow (or misses one it does), sets a limit with no code for it, or sits on a field that is not `format: byte`.",
  'audio-code': 'An `audio:` block gives a broken rule a code that is not in the error catalogue, or not in the errors the action lists.',
  references: 'A field says it `references` a resource kind that specs/emulator.yaml does not have.',
  // Workflows and surfaces
  'workflow-ref': 'A workflow step names an unknown action, a parameter or response field the action does not have, or a variable no earlier step captured.',
  'endpoint-ref': "An endpoint's status or request-id field is not an always-present response field, or its engineParameter is not one of its query parameters.",
  'channel-ref': "A channel's parameter role names a query parameter the channel does not have.",
  'missing-message': 'A channel lacks a message the emulator needs (ack, error, final, end).',
  'callback-ref': 'A callback names an unknown action, parameter or resource kind.',
} as const;

export type DiagnosticRule = keyof typeof DIAGNOSTIC_RULES;

/** Rules that mean a file is not a spec at all (it could not be read as YAML text): the user's input, refused like a bad path. */
export const UNREADABLE_RULES: ReadonlySet<DiagnosticRule> = new Set(['not-a-file', 'not-utf8', 'resource-limit']);
