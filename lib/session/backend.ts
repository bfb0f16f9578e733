import { NDArray } from '../framework/ndarray';
import { Tensor } from '../framework/tensor';
import { AlreadyExistsError, ValueError } from '../framework/errors';
import type { Plan } from './plan';
import { executeOnCpu, resolveCpuKernels, RunState } from './cpu_executor';
import { container, singleton } from '../registry/container';
import type { BufferHome } from './variable_store';
import { createWasmGemm } from '../../kernels/cpu/wasm/wasm_gemm';
import { registerCpuKernels } from '../../kernels/cpu/index';

/**
 * Variables and kernel outputs of at least this many float32 values live in the
 * WebAssembly kernels' memory on the CPU backend: the kernels there (products,
 * convolutions, optimizer updates, large element-wise ops) then use them in place
 * instead of copying them in and out (Adam on Deep MNIST's 3.2M-parameter layer alone
 * copied 90 MB a step).
 */
const RESIDENT_MIN = 4096;

/**
 * A session's options. A backend with options of its own adds them here by declaration
 * merging from its own module (as lib/gpu does), and reads them in its factory.
 */
export interface SessionConfig {
  /** A registered backend's name ('cpu', 'gpu', ...), or unset to pick the best available (env TENSORGRAPH_DEVICE overrides unset). */
  device?: string;
  /** Prints the chosen backend once. */
  verbose?: boolean;
}

/**
 * What a session needs from a backend: turn a plan into something runnable once,
 * then run it per call with the feeds, returning the fetched slots' values.
 *
 * A new backend is a factory registered here under its name (`backendRegistry().register`)
 * plus its kernels registered under the same name in the kernel registry
 * (`kernelRegistry().register(opType, name, kernel)`), which its prepare() looks up;
 * neither the session nor the plan compiler knows any backend by name.
 *
 * Variable writes of a run are staged in state.variables; the session, not the
 * backend, commits them when execute returns and rolls them back when it throws.
 */
export interface Backend {
  readonly name: string;
  /** Human-readable: backend and mode, e.g. 'gpu (gpu.js headlessgl)'. */
  readonly description: string;
  prepare(plan: Plan): unknown;
  /** Returns one value per plan.fetchSlots entry (null for fetched operations). */
  execute(plan: Plan, program: unknown, feeds: Map<Tensor, NDArray>, state: RunState): (NDArray | null)[];
  /**
   * The same as execute, for a backend that can leave the thread free while its device
   * works (sess.run_async); without it, run_async calls execute.
   */
  executeAsync?(plan: Plan, program: unknown, feeds: Map<Tensor, NDArray>, state: RunState): Promise<(NDArray | null)[]>;
  /**
   * Settle what the backend staged during a run beside the VariableStore (the gpu
   * backend's device copies of variables): the session calls commitRun after a run
   * succeeded and rollbackRun after it failed, each just before it commits or rolls
   * back the store itself.
   */
  commitRun?(): void;
  rollbackRun?(): void;
  release?(): void;
  /** Where the session's VariableStore should keep large float32 buffers (null: ordinary arrays). */
  variableHome?(): BufferHome | null;
}

export type BackendFactory = (config: SessionConfig) => Backend | null;

/**
 * Backends by name; the gpu.js backend registers itself here when loaded. A session
 * that names no device gets the first backend, by descending priority, whose factory
 * offers one: the CPU backend (priority 0) always does.
 */
@singleton()
export class BackendRegistry {
  readonly factories = new Map<string, { factory: BackendFactory; priority: number }>();

  /** Names are matched case-insensitively (a config's device is lowercased). */
  register(name: string, factory: BackendFactory, priority = 0): void {
    const key = name.toLowerCase();
    if (this.factories.has(key)) throw new AlreadyExistsError(`A backend named '${key}' is already registered`);
    this.factories.set(key, { factory, priority });
  }

  /** Removes a backend (sessions already made with it keep it). */
  unregister(name: string): void {
    this.factories.delete(name.toLowerCase());
  }
}

export function backendRegistry(): BackendRegistry { return container.resolve(BackendRegistry); }

export class CpuBackend implements Backend {
  readonly name = 'cpu';
  readonly description = 'cpu';
  prepare(plan: Plan) { return resolveCpuKernels(plan); }
  variableHome(): BufferHome | null {
    const wasm = createWasmGemm();
    return wasm && {
      minLength: RESIDENT_MIN,
      allocate: (length) => wasm.allocateResident(length),
      free: (data) => wasm.freeResident(data),
      freeAt: (byteOffset, length) => wasm.freeResidentAt(byteOffset, length),
    };
  }
  execute(plan: Plan, program: unknown, feeds: Map<Tensor, NDArray>, state: RunState): (NDArray | null)[] {
    const values: (NDArray | null)[] = new Array(plan.numSlots).fill(null);
    for (const { tensor, slot } of plan.feedSlots) values[slot] = feeds.get(tensor)!;
    executeOnCpu(plan, program as ReturnType<typeof resolveCpuKernels>, values, state);
    return plan.fetchSlots.map((s) => (s >= 0 ? values[s] : null));
  }
}

registerCpuKernels();
backendRegistry().register('cpu', () => new CpuBackend(), 0);

const announced = new Set<string>();

export function chooseBackend(config: SessionConfig): Backend {
  const requested = config.device ?? process.env.TENSORGRAPH_DEVICE ?? '';
  const reg = backendRegistry().factories;
  let backend: Backend | null = null;
  if (requested) {
    const entry = reg.get(requested.toLowerCase());
    if (!entry) throw new ValueError(`Unknown device '${requested}': available are ${[...reg.keys()].join(', ')}`);
    backend = entry.factory(config);
    if (!backend) throw new ValueError(`Device '${requested}' is not available on this machine`);
  } else {
    const byPriority = [...reg.values()].sort((a, b) => b.priority - a.priority);
    for (const e of byPriority) { backend = e.factory(config); if (backend) break; }
  }
  if (!backend) throw new ValueError(`No backend is available: every registered one (${[...reg.keys()].join(', ')}) declined`);
  if ((config.verbose || process.env.TENSORGRAPH_VERBOSE) && !announced.has(backend.description)) {
    announced.add(backend.description);
    console.log(`tensorgraph: running on ${backend.description}`);
  }
  return backend;
}
