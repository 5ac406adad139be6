import { Controller, Get, Header, HttpStatus, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Probes } from './probes.js';

/** Liveness and readiness endpoints with Kubernetes' own conventions (plain text, 200 or 503). */
@Controller()
export class ProbesController {
  constructor(private readonly probes: Probes) {}

  @Get('healthz')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  healthz(): string {
    return 'ok';
  }

  @Get('readyz')
  async readyz(@Query('verbose') verbose: string | undefined, @Res() res: Response): Promise<void> {
    const { ready, lines } = await this.probes.readiness();
    const summary = ready ? 'ok' : 'readyz check failed';
    const body = verbose !== undefined || !ready ? `${lines.join('\n')}\n${summary}\n` : summary;
    res
      .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .type('text/plain')
      .send(body);
  }
}
