import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { requireConnected, violatedConstraint } from '../../database/query-errors.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { Tenant, TENANT_CONSTRAINTS, type TenantTags } from './tenant.entity.js';

export interface NewTenant {
  readonly name: string;
  readonly displayName?: string;
  readonly tags?: TenantTags;
}

const NAME_RULE =
  'must be a DNS-1123 label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit';

/** What each constraint of `tenants` means to a caller. */
const VIOLATIONS: Record<string, (tenant: NewTenant) => SluiceError> = {
  [TENANT_CONSTRAINTS.nameUnique]: ({ name }) =>
    new SluiceError(GrpcStatus.ALREADY_EXISTS, `tenant "${name}" already exists`),
  [TENANT_CONSTRAINTS.nameDnsLabel]: () => SluiceError.invalidArgument('name', NAME_RULE),
  [TENANT_CONSTRAINTS.tagsObject]: () => SluiceError.invalidArgument('tags', 'must be an object'),
};

function translate(error: unknown, tenant: NewTenant): unknown {
  const constraint = violatedConstraint(error);
  const toDomainError = constraint === undefined ? undefined : VIOLATIONS[constraint];
  return toDomainError ? toDomainError(tenant) : error;
}

/**
 * Every query on `tenants`. Methods are async even where they need not await, so that "not
 * connected" arrives as a rejection like every other failure, not as a synchronous throw.
 */
@Injectable()
export class TenantsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get tenants(): Repository<Tenant> {
    return requireConnected(this.dataSource).getRepository(Tenant);
  }

  async create(tenant: NewTenant): Promise<Tenant> {
    const row = this.tenants.create({
      name: tenant.name,
      displayName: tenant.displayName ?? null,
      tags: tenant.tags ?? {},
    });
    try {
      return await this.tenants.save(row);
    } catch (error) {
      throw translate(error, tenant);
    }
  }

  async findByName(name: string): Promise<Tenant | null> {
    return this.tenants.findOneBy({ name });
  }

  /** Ordered by name, so pages and listings are stable. */
  async list(): Promise<Tenant[]> {
    return this.tenants.find({ order: { name: 'ASC' } });
  }
}
