import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/** Free-form labels such as `{ team: 'search', product: 'chat' }`; API tokens will be scoped by them. */
export type TenantTags = Record<string, string>;

/** Names as created by the CreateTenants migration; the repository maps violations by name. */
export const TENANT_CONSTRAINTS = {
  nameUnique: 'tenants_name_key',
  nameDnsLabel: 'tenants_name_dns_label_check',
  tagsObject: 'tenants_tags_object_check',
} as const;

@Entity('tenants')
@Unique(TENANT_CONSTRAINTS.nameUnique, ['name'])
@Check(TENANT_CONSTRAINTS.nameDnsLabel, `"name" ~ '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'`)
@Check(TENANT_CONSTRAINTS.tagsObject, `jsonb_typeof("tags") = 'object'`)
export class Tenant {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'tenants_pkey' })
  id!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'display_name', type: 'text', nullable: true })
  displayName!: string | null;

  // An object, not SQL: TypeORM compares jsonb defaults by value (the loaded one drops its cast).
  @Column({ name: 'tags', type: 'jsonb', default: {} })
  tags!: TenantTags;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  // Set by TypeORM on every save through the repository; raw SQL updates must set it themselves.
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
