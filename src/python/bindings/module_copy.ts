// copy.deepcopy for nn.Module instances: the engine object is copied field by field; tensors,
// submodules and Python attributes go back through Python's deepcopy with the same memo.
import { Tensor, nn } from '../../engine/index';
import { getAttr } from '../runtime/attrs';
import { call } from '../runtime/call';
import { currentInterpreter } from '../runtime/context';
import { defineMethod } from '../runtime/native';
import { PyInstance, type PyDict, type PyValue } from '../runtime/object';
import { objectId } from '../runtime/protocol';
import { DictBridge, M, ModuleType, lightJs, lightPy } from './nn_module';
import { adoptModule, type EModule } from './values';

/**
 * copy.deepcopy(module): the engine object is copied field by field; tensors, submodules and Python
 * attributes go back through Python's deepcopy with the same memo, so shared (tied) weights stay shared.
 */
defineMethod(ModuleType, '__deepcopy__(self, memo)', ([self, memo]) => {
  const interp = currentInterpreter();
  const copyMod = interp.importModule('copy');
  const deep = (v: PyValue): PyValue => call(getAttr(copyMod, 'deepcopy'), [v, memo]);
  const src = self as PyInstance;
  const m = M(src);
  const c = Object.create(Object.getPrototypeOf(m) as object) as EModule;
  const out = new PyInstance(src.cls);
  adoptModule(c, out);
  (memo as PyDict).set(objectId(src), out);
  const cloneValue = (v: unknown): unknown => {
    if (v instanceof Tensor || v instanceof nn.Module) return lightJs(deep(lightPy(v)));
    if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, cloneValue(x)]));
    if (v instanceof Set) return new Set(v);
    if (Array.isArray(v)) return v.map(cloneValue);
    return v;
  };
  for (const key of Object.keys(m)) {
    if (key === '__dict__') continue;
    (c as unknown as Record<string, unknown>)[key] = cloneValue((m as unknown as Record<string, unknown>)[key]);
  }
  for (const e of src.dict!.entries()) out.dict!.setStr(String(e.key), deep(e.value));
  c.__dict__ = new DictBridge(out.dict!);
  return out;
});

