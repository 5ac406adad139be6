import {
  Controller,
  Get,
  Headers,
  NotFoundException,
  Param,
  Query,
  Res,
  UseFilters,
} from '@nestjs/common';
import type { Response } from 'express';
import { TokenAuthenticator } from '../../grpc/auth/token-authenticator.js';
import { DASHBOARD_FILES } from './dashboard-assets.js';
import type { DashboardData } from './dashboard-data.js';
import { parseDashboardRequest } from './dashboard-request.js';
import { DashboardService } from './dashboard.service.js';
import { SluiceErrorFilter } from './http-error.js';

/**
 * The unit-economics page (GET /dashboard) and the JSON it draws (GET /v1/economics/dashboard).
 * The page is public static files; the figures need an API token, exactly as over gRPC.
 */
@Controller()
@UseFilters(SluiceErrorFilter)
export class DashboardController {
  constructor(
    private readonly tokens: TokenAuthenticator,
    private readonly dashboard: DashboardService,
  ) {}

  @Get('dashboard')
  page(@Res() res: Response): void {
    this.send(res, 'index.html');
  }

  @Get('dashboard/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    this.send(res, file);
  }

  @Get('v1/economics/dashboard')
  async data(
    @Headers('authorization') authorization: string | undefined,
    @Query() query: Record<string, unknown>,
  ): Promise<DashboardData> {
    const caller = await this.tokens.authenticateAuthorization(
      authorization === undefined ? [] : [authorization],
    );
    return this.dashboard.data(parseDashboardRequest(query), caller);
  }

  private send(res: Response, name: string): void {
    const file = DASHBOARD_FILES.get(name);
    if (file === undefined) throw new NotFoundException(`no dashboard file ${name}`);
    res.type(file.type).setHeader('Cache-Control', 'no-cache');
    res.sendFile(file.path);
  }
}
