import { Global, Module } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { loadDefaultRouterModel } from '@sluice/router-model';
import { errorMessage } from '../../util/error-message.js';
import type { ClassifierModel } from './engine/index.js';
import { RouterModelArtifacts } from './router-model-artifacts.js';

/**
 * The router models (learned classifiers) this process loaded. `model` is the built-in one, the
 * artifact committed in router-model/ (nothing is downloaded); undefined when it could not be
 * read: learned policies without their own are then not Ready (RouterModelUnavailable), rules
 * policies route on. `artifacts` holds those policies name in spec.classifier.model (ConfigMaps).
 */
export class LoadedRouterModel {
  constructor(
    readonly model: ClassifierModel | undefined,
    readonly artifacts = new RouterModelArtifacts(),
  ) {}

  /** Every version loaded: the built-in one and those decoded from ConfigMaps (bounded). */
  versions(): readonly string[] {
    const builtIn = this.model === undefined ? [] : [this.model.version];
    return [...new Set([...builtIn, ...this.artifacts.versions()])];
  }
}

export function loadRouterModel(
  logger: PinoLogger,
  load = loadDefaultRouterModel,
): LoadedRouterModel {
  try {
    const model = load();
    logger.info({ version: model.version }, 'Loaded the router model');
    return new LoadedRouterModel(model);
  } catch (error) {
    logger.error(
      { err: errorMessage(error) },
      'Could not load the router model; learned policies are not Ready',
    );
    return new LoadedRouterModel(undefined);
  }
}

/** Provides LoadedRouterModel to the routing catalog (snapshots) and the router metrics. */
@Global()
@Module({
  providers: [{ provide: LoadedRouterModel, inject: [PinoLogger], useFactory: loadRouterModel }],
  exports: [LoadedRouterModel],
})
export class RouterModelModule {}
