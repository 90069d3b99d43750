/** Types for node-host-flags.mjs (the tests import it to state what `npm start` passes). */
export declare const NODE_HOST_FLAGS: readonly string[];
