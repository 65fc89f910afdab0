import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from './role';

@Entity('officer')
export class Officer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) username: string;
  @Column({ type: 'text', name: 'display_name' }) displayName: string;
  @Column({ type: 'text', name: 'password_hash', select: false }) passwordHash: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ type: 'uuid', name: 'jurisdiction_node_id', nullable: true }) jurisdictionNodeId: string | null;
  /** A copy of the posting's materialised path (null: state-wide), moved by the JurisdictionMoved handler. */
  @Column({ type: 'text', name: 'jurisdiction_path', nullable: true }) jurisdictionPath: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** Bumped by disable, transfer and a password change: every access token carrying an older one is refused. */
  @Column({ type: 'integer', name: 'session_version', default: 1 }) sessionVersion: number;
  /** Set by an admin's password reset: the next login may only change the password. */
  @Column({ type: 'boolean', name: 'must_change_password', default: false }) mustChangePassword: boolean;
  @Column({ type: 'timestamptz', name: 'password_changed_at', nullable: true }) passwordChangedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true }) disabledAt: Date | null;
  @Column({ type: 'text', name: 'disabled_reason', nullable: true }) disabledReason: string | null;
  /** The TOTP secret, sealed by the field cipher; never selected unless asked for. */
  @Column({ type: 'text', name: 'totp_secret_sealed', nullable: true, select: false }) totpSecretSealed: string | null;
  @Column({ type: 'text', name: 'totp_pending_sealed', nullable: true, select: false }) totpPendingSealed:
    string | null;
  @Column({ type: 'timestamptz', name: 'totp_enabled_at', nullable: true }) totpEnabledAt: Date | null;
  @Column({ type: 'bigint', name: 'totp_last_step', nullable: true, select: false }) totpLastStep: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
