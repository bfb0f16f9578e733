import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

function values(a: unknown): number[] { return typeof a === 'number' ? [a] : [...(a as NDArray).data]; }

/** A resource variable built from TF's ops, as TF 1.12's ResourceVariable lays them out. */
function resourceVariable(name: string, init: NDArray, sharedName = name) {
  const g = tf.get_default_graph();
  const handle = g.create_op('VarHandleOp', [], { dtype: init.dtype, shape: init.shape, shared_name: sharedName }, name).outputs[0];
  const assign = g.create_op('AssignVariableOp', [handle, tf.constant(init)], {}, `${name}/Assign`);
  const read = g.create_op('ReadVariableOp', [handle], { dtype: init.dtype }, `${name}/Read/ReadVariableOp`).outputs[0];
  return { handle, assign, read };
}

describe('resource variables (VarHandleOp, ReadVariableOp, AssignVariableOp, AssignAdd/SubVariableOp, VarIsInitializedOp)', () => {
  beforeEach(() => tf.reset_default_graph());

  it('assign, read, add, subtract; the handle is a DT_RESOURCE scalar; the value lives in the session under shared_name', () => {
    const v = resourceVariable('w', NDArray.from([[1, 2], [3, 4]]));
    const g = tf.get_default_graph();
    expect(v.handle.dtype).to.equal('resource');
    expect(v.handle.shape).to.deep.equal([]);
    expect(g.get_operation_by_name('w').node_def.attr.dtype).to.deep.equal({ type: 'DT_FLOAT' });
    const isInit = g.create_op('VarIsInitializedOp', [v.handle], {}, 'w/IsInitialized').outputs[0];
    const add = g.create_op('AssignAddVariableOp', [v.handle, tf.constant([[10, 10], [10, 10]])], {}, 'add');
    const sub = g.create_op('AssignSubVariableOp', [v.handle, tf.constant([[1, 2], [3, 4]])], {}, 'sub');
    tf.Session().with((sess) => {
      expect(sess.run(isInit)).to.equal(false);
      expect(() => sess.run(v.read)).to.throw(tf.errors.FailedPreconditionError, 'Error while reading resource variable w from Container: localhost');
      sess.run(v.assign);
      expect(sess.run(isInit)).to.equal(true);
      expect(values(sess.run(v.read))).to.deep.equal([1, 2, 3, 4]);
      sess.run(add);
      expect(values(sess.run(v.read))).to.deep.equal([11, 12, 13, 14]);
      sess.run(sub);
      expect(values(sess.run(v.read))).to.deep.equal([10, 10, 10, 10]);
      expect(values(sess.variables.read('w'))).to.deep.equal([10, 10, 10, 10]);
    });
  });

  it('two handles with one shared_name are one variable; a container prefixes the key; two sessions are separate', () => {
    const a = resourceVariable('a', NDArray.from([1, 2]), 'shared');
    const g = tf.get_default_graph();
    const b = g.create_op('VarHandleOp', [], { dtype: 'float32', shape: [2], shared_name: 'shared' }, 'b').outputs[0];
    const readB = g.create_op('ReadVariableOp', [b], { dtype: 'float32' }, 'read_b').outputs[0];
    const c = g.create_op('VarHandleOp', [], { dtype: 'float32', shape: [2], shared_name: 'shared', container: 'box' }, 'c').outputs[0];
    const readC = g.create_op('ReadVariableOp', [c], { dtype: 'float32' }, 'read_c').outputs[0];
    const s1 = tf.Session(), s2 = tf.Session();
    try {
      s1.run(a.assign);
      expect(values(s1.run(readB))).to.deep.equal([1, 2]);
      expect(() => s1.run(readC)).to.throw(tf.errors.FailedPreconditionError, 'box/shared');
      expect(() => s2.run(readB)).to.throw(tf.errors.FailedPreconditionError);
    } finally { s1.close(); s2.close(); }
  });

  it('TF\'s errors: reading with the wrong dtype, assigning another dtype, adding a value of another shape', () => {
    const v = resourceVariable('v', NDArray.from([1, 2, 3]));
    const g = tf.get_default_graph();
    const readInt = g.create_op('ReadVariableOp', [v.handle], { dtype: 'int32' }, 'read_int').outputs[0];
    const assignInt = g.create_op('AssignVariableOp', [v.handle, tf.constant(NDArray.from([1, 2, 3], 'int32'))], {}, 'assign_int');
    const addShort = g.create_op('AssignAddVariableOp', [v.handle, tf.constant([1, 2])], {}, 'add_short');
    tf.Session().with((sess) => {
      sess.run(v.assign);
      expect(() => sess.run(readInt)).to.throw(tf.errors.InvalidArgumentError, 'Trying to read variable with wrong dtype. Expected float32 got int32');
      expect(() => sess.run(assignInt)).to.throw(tf.errors.InvalidArgumentError, "Variable and value dtypes don't match; respectively, float32 and int32");
      expect(() => sess.run(addShort)).to.throw(tf.errors.InvalidArgumentError, 'Cannot update variable with shape [3] using a Tensor with shape [2], shapes must be equal.');
      expect(values(sess.run(v.read))).to.deep.equal([1, 2, 3]);
    });
  });

  it('AssignVariableOp takes a new shape, as TF1\'s; with TF 2.9+\'s validate_shape=true a different shape is refused', () => {
    const v = resourceVariable('v', NDArray.from([1, 2, 3]));
    const g = tf.get_default_graph();
    const grow = g.create_op('AssignVariableOp', [v.handle, tf.constant([[1, 2], [3, 4]])], {}, 'grow');
    const strict = g.create_op('AssignVariableOp', [v.handle, tf.constant([5, 6])], { validate_shape: true }, 'strict');
    const same = g.create_op('AssignVariableOp', [v.handle, tf.constant([[5, 6], [7, 8]])], { validate_shape: true }, 'same');
    tf.Session().with((sess) => {
      sess.run(v.assign);
      sess.run(grow);
      expect((sess.run(v.read) as NDArray).shape).to.deep.equal([2, 2]);
      expect(() => sess.run(strict)).to.throw(tf.errors.InvalidArgumentError, 'Trying to assign to variable with tensor with wrong shape. Expected [2,2] got [2]');
      sess.run(same);
      expect(values(sess.run(v.read))).to.deep.equal([5, 6, 7, 8]);
    });
  });

  it('a failed run leaves a resource variable as it was (writes are staged like ref variables\')', () => {
    const v = resourceVariable('v', NDArray.from([5]));
    const g = tf.get_default_graph();
    const add = g.create_op('AssignAddVariableOp', [v.handle, tf.constant([1])], {}, 'add');
    const p = tf.placeholder(tf.float32, [1]);
    tf.Session().with((sess) => {
      sess.run(v.assign);
      expect(() => sess.run([add, tf.identity(p)])).to.throw(tf.errors.InvalidArgumentError);
      expect(values(sess.run(v.read))).to.deep.equal([5]);
    });
  });

  it('ReadVariableOp\'s gradient reaches the handle (TF\'s _ReadGrad): d sum(read^2) / d handle = 2 * value, as central differences of the variable', () => {
    const v = resourceVariable('v', NDArray.from([0.5, -1.5, 2]));
    const g = tf.get_default_graph();
    const loss = tf.reduce_sum(tf.multiply(v.read, v.read));
    const [grad] = tf.gradients(loss, [v.handle]);
    const delta = tf.placeholder(tf.float32, [3]);
    const set = g.create_op('AssignVariableOp', [v.handle, delta], {}, 'set');
    tf.Session().with((sess) => {
      sess.run(v.assign);
      const symbolic = values(sess.run(grad));
      const base = [0.5, -1.5, 2], h = 1e-3;
      const numeric = base.map((_, i) => {
        const at = (d: number) => { const x = base.slice(); x[i] += d; sess.run(set, { [delta.name]: x }); return sess.run(loss) as number; };
        return (at(h) - at(-h)) / (2 * h);
      });
      symbolic.forEach((s, i) => expect(s).to.be.closeTo(numeric[i], 1e-2));
      expect(symbolic).to.deep.equal([1, -3, 4]);
    });
  });
});
