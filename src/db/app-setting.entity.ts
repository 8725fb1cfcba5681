import { Column, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

/**
 * Facts about the database itself, by key: e.g. `demo-seed` is "started" while the first start seeds the
 * demo data and "done" after, so a start after an interrupted seeding finishes it instead of serving half of it.
 */
@Entity("app_settings")
export class AppSetting {
  @PrimaryColumn({ type: "varchar", length: 100 })
  key: string;

  @Column({ type: "varchar", length: 1000 })
  value: string;

  @UpdateDateColumn()
  updatedAt: Date;
}
