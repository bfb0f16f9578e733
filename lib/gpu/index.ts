/* The gpu.js backend registers itself with the BackendRegistry when this module loads. */
export {};
