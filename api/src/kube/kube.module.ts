import { Module } from '@nestjs/common';
import { KubeClients } from './kube-clients.js';

/** The API's connection to the Kubernetes API (possibly none); needs ApiConfigModule. */
@Module({ providers: [KubeClients], exports: [KubeClients] })
export class KubeModule {}
