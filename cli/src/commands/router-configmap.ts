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

const LABEL = 'sluice.dev/router-model=true';

/**
 * Pure: how to hand an artifact to a RoutingPolicy, or why it cannot be. kubectl puts a binary
 * file in binaryData; the API only watches ConfigMaps with the label. One pipeline creates the
 * object labelled, and sends it as YAML, which local mode's test server reads too (kubectl's typed
 * create configmap sends protobuf).
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
    `To classify with it, create the ConfigMap (${bytes} of ${CONFIG_MAP_MAX_BYTES} bytes), labelled so the API watches it`,
    '(kubectl replace -f - at the end puts a new artifact in it later):',
    `  kubectl create configmap ${name} -n ${namespace} --from-file=router-model.bin=${file} --dry-run=client -o yaml \\`,
    `    | kubectl label -f - --local -o yaml ${LABEL} | kubectl create -f -`,
    'then reference it from a RoutingPolicy with classifier.type learned:',
    `  spec.classifier.model.configMapRef: {name: ${name}}`,
    '',
  ].join('\n');
}
