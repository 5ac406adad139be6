// The --role choices of `sluice tokens create`, apart from the command so `sluice --help` loads
// no protobuf code (main.ts imports commands lazily).
export const TOKEN_ROLES = ['member', 'tenant-admin', 'platform-admin'] as const;
export type TokenRoleFlag = (typeof TOKEN_ROLES)[number];
