/**
 * What kube-apiserver accepts in one ConfigMap: data and binaryData values together (keys not
 * counted), core.MaxSecretSize in pkg/apis/core/validation ValidateConfigMap; above it the create
 * fails with `ConfigMap "x" is invalid: []: Too long: must have at most 1048576 bytes`.
 */
export const CONFIG_MAP_MAX_BYTES = 1_048_576;

export interface ConfigMapAdviceInput {
  readonly file: string;
  readonly bytes: number;
  readonly hashBits: number;
  readonly name: string;
  readonly namespace: string;
}

/**
 * Pure: how to hand an artifact to a RoutingPolicy (kubectl create puts a binary file in
 * binaryData; the API only watches ConfigMaps with the label), or why it cannot be.
 */
export function configMapAdvice(input: ConfigMapAdviceInput): string {
  const { file, bytes, hashBits, name, namespace } = input;
  if (bytes > CONFIG_MAP_MAX_BYTES) {
    return [
      `Warning: ${file} is ${bytes} bytes, over the ${CONFIG_MAP_MAX_BYTES} bytes (1 MiB) a ConfigMap holds:`,
      `the API server refuses it, so no RoutingPolicy can reference it. Train again with`,
      `--hash-bits ${hashBits - 1} or fewer (each bit fewer halves the artifact).`,
      '',
    ].join('\n');
  }
  return [
    `To classify with it, create the ConfigMap (${bytes} of ${CONFIG_MAP_MAX_BYTES} bytes) and label it so the API watches it:`,
    `  kubectl create configmap ${name} -n ${namespace} --from-file=router-model.bin=${file}`,
    `  kubectl label configmap ${name} -n ${namespace} sluice.dev/router-model=true`,
    'then reference it from a RoutingPolicy with classifier.type learned:',
    `  spec.classifier.model.configMapRef: {name: ${name}}`,
    '',
  ].join('\n');
}
