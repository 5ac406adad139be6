import { Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DependencyState, SystemService, type GetStatusResponseSchema } from '@sluice/proto';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { GrpcService, type ImplementationOf } from '../../grpc/grpc-service.decorator.js';
import { StatusService } from './status.service.js';

@GrpcService(SystemService)
@Injectable()
export class SystemGrpc implements ImplementationOf<typeof SystemService> {
  constructor(private readonly system: StatusService) {}

  async getStatus(): Promise<MessageInitShape<typeof GetStatusResponseSchema>> {
    const dependencies = await this.system.dependencies();
    return {
      version: this.system.version,
      startedAt: timestampFromDate(this.system.startedAt),
      dependencies: dependencies.map((d) => ({
        name: d.name,
        state: d.up ? DependencyState.UP : DependencyState.DOWN,
        detail: d.detail,
      })),
    };
  }
}
