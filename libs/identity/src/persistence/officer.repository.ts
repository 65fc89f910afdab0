import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Officer } from '../domain/officer.entity';
import { Role } from '../domain/role';

export interface NewOfficer {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  jurisdictionNodeId: string | null;
}

/** The only code that reads or writes `officer`. */
@Injectable()
export class OfficerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async count(): Promise<number> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM officer`);
    return count;
  }

  existsByUsername(username: string): Promise<boolean> {
    return this.dataSource.getRepository(Officer).existsBy({ username });
  }

  /** An active officer with their password hash (which is never selected otherwise), or null. */
  async findActiveWithHash(username: string): Promise<Officer | null> {
    return this.dataSource
      .getRepository(Officer)
      .createQueryBuilder('o')
      .addSelect('o.passwordHash')
      .where('o.username = :u AND o.active', { u: username })
      .getOne();
  }

  async insert(m: EntityManager, officer: NewOfficer): Promise<Officer> {
    const repo = m.getRepository(Officer);
    return repo.save(repo.create(officer));
  }
}
