// TypeScript types of the sluice.dev CustomResourceDefinitions, generated into gen/ by
// `make generate` from the CRD YAML files beside this one (the source of truth).
export {};
