// Stands in for the "server-only" package under Vitest. The real one throws when imported outside
// a React Server Components bundle, which every test of a server module would be.
export {};
