import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ROUTING_VIEW, SPEND_VIEW, type RoutingView, type SpendView } from '../routing-view.js';

/** Provides ROUTING_VIEW (and SPEND_VIEW when given) from values, in place of the informers. */
@Module({})
export class InMemoryRoutingModule {
  static forRoot(view: RoutingView, spend?: SpendView): DynamicModule {
    const providers: Provider[] = [{ provide: ROUTING_VIEW, useValue: view }];
    if (spend !== undefined) providers.push({ provide: SPEND_VIEW, useValue: spend });
    return {
      module: InMemoryRoutingModule,
      providers,
      exports: providers.map((p) => (p as { provide: symbol }).provide),
    };
  }
}
