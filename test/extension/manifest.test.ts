// Declared once, typed once: the settings, command ids and view ids of src/extension must match what
// package.json contributes, and the settings reader must map raw values to typed, validated settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readSettings, SECTION, SETTING_DECLARATIONS, type SettingKey } from '../../src/extension/config';
import { COMMANDS, COMMAND_TITLES, HIDDEN_COMMANDS, VIEWS, VIEW_CONTAINER } from '../../src/extension/ids';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const contributes = pkg.contributes;

test('every setting is declared in package.json with the same type, default, enum and minimum', () => {
  const props = contributes.configuration.properties as Record<string, Record<string, unknown>>;
  const declared = Object.keys(props).sort();
  assert.deepEqual(declared, Object.keys(SETTING_DECLARATIONS).map((k) => `${SECTION}.${k}`).sort());
  for (const [key, decl] of Object.entries(SETTING_DECLARATIONS)) {
    const p = props[`${SECTION}.${key}`];
    for (const field of ['type', 'default', 'enum', 'minimum'] as const) {
      assert.deepEqual(p[field], (decl as Record<string, unknown>)[field], `${key}.${field}`);
    }
    assert.ok(typeof p.description === 'string' || typeof p.markdownDescription === 'string', `${key} has a description`);
  }
});

test('every command is contributed with its title, category nnlens, and internal ones hidden from the palette', () => {
  const cmds = contributes.commands as { command: string; title: string; category: string }[];
  assert.deepEqual(cmds.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
  for (const c of cmds) {
    assert.equal(c.title, COMMAND_TITLES[c.command as keyof typeof COMMAND_TITLES]);
    assert.equal(c.category, 'nnlens');
  }
  const hidden = (contributes.menus.commandPalette as { command: string; when: string }[]).filter((m) => m.when === 'false').map((m) => m.command);
  assert.deepEqual(hidden.sort(), [...HIDDEN_COMMANDS].sort());
  const menuCommands = Object.values(contributes.menus as Record<string, { command: string }[]>).flat().map((m) => m.command);
  for (const c of menuCommands) assert.ok((Object.values(COMMANDS) as string[]).includes(c), `menu entry ${c} is a known command`);
});

test('the view container and the model tree view use the declared ids', () => {
  assert.deepEqual(contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id), [VIEW_CONTAINER]);
  assert.deepEqual(Object.keys(contributes.views), [VIEW_CONTAINER]);
  assert.deepEqual(contributes.views[VIEW_CONTAINER].map((v: { id: string }) => v.id), Object.values(VIEWS));
});

test('activation on Python files, untrusted workspaces supported, main is the bundle', () => {
  assert.deepEqual(pkg.activationEvents, ['onLanguage:python']);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(pkg.main, './dist/extension.js');
});

test('readSettings: defaults when nothing is set', () => {
  const s = readSettings(() => undefined);
  assert.deepEqual(s, {
    defaultInputs: [], defaultDevice: 'meta', timeBudgetMs: 60_000, memoryBudgetMb: 2048,
    codeLensEnabled: true, autoInspectOnEdit: true, problems: [],
  });
});

test('readSettings: maps user values (seconds to ms, input text to specs)', () => {
  const raw: Partial<Record<SettingKey, unknown>> = {
    defaultInputs: '1,3,32,32; 1,16:int64[0,1000)', defaultDevice: 'cpu', timeBudgetSeconds: 5, memoryBudgetMb: 512,
    'codeLens.enabled': false, autoInspectOnEdit: false,
  };
  const s = readSettings((k) => raw[k]);
  assert.deepEqual(s.defaultInputs, [{ shape: [1, 3, 32, 32] }, { shape: [1, 16], dtype: 'int64', low: 0, high: 1000 }]);
  assert.equal(s.defaultDevice, 'cpu');
  assert.equal(s.timeBudgetMs, 5000);
  assert.equal(s.memoryBudgetMb, 512);
  assert.equal(s.codeLensEnabled, false);
  assert.equal(s.autoInspectOnEdit, false);
  assert.deepEqual(s.problems, []);
});

test('readSettings: invalid values fall back to defaults and are reported', () => {
  const raw: Partial<Record<SettingKey, unknown>> = { defaultDevice: 'cuda', timeBudgetSeconds: 0, memoryBudgetMb: 'lots', defaultInputs: '1,x' };
  const s = readSettings((k) => raw[k]);
  assert.equal(s.defaultDevice, 'meta');
  assert.equal(s.timeBudgetMs, 60_000);
  assert.equal(s.memoryBudgetMb, 2048);
  assert.deepEqual(s.defaultInputs, []);
  assert.equal(s.problems.length, 4);
  assert.match(s.problems.join('\n'), /nnlens\.defaultDevice: "cuda" is not valid; using "meta"/);
  assert.match(s.problems.join('\n'), /nnlens\.defaultInputs: '1,x': 'x' is not a non-negative integer dimension/);
});
