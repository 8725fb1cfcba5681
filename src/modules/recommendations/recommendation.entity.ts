import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Post } from "../posts/post.entity";
import { User } from "../users/user.entity";

/** A precomputed recommendation: post for person, with rank, score and the reason shown to them. */
@Entity("recommendations")
@Index("recommendations_user_post", ["userId", "postId"], { unique: true })
@Index("recommendations_user_rank", ["userId", "rank"])
@Index("recommendations_post", ["postId"])
export class Recommendation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  userId: number;

  @ManyToOne(() => User, { onDelete: "CASCADE" })
  @JoinColumn({ name: "userId" })
  user?: User;

  @Column({ type: "integer" })
  postId: number;

  @ManyToOne(() => Post, { onDelete: "CASCADE" })
  @JoinColumn({ name: "postId" })
  post?: Post;

  @Column({ type: "integer" })
  rank: number;

  @Column({ type: "double precision" })
  score: number;

  @Column({ type: "varchar", length: 300 })
  reason: string;

  /** Which retriever proposed it: collaborative, content, popularity, … */
  @Column({ type: "varchar", length: 32 })
  source: string;

  @Column({ type: "integer", nullable: true })
  modelVersionId: number | null;

  @Column()
  generatedAt: Date;
}
