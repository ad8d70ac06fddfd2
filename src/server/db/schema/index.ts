export * from "./areas";
export * from "./places";
export * from "./party";
export * from "./accounts";
export * from "./audit";
export * from "./files";
export * from "./cases";
export * from "./registry";
