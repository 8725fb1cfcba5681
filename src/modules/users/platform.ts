import { registerEnumType } from "type-graphql";

/** The social network an account, post or interaction belongs to. */
export enum Platform {
  FACEBOOK = "FACEBOOK",
  INSTAGRAM = "INSTAGRAM",
  TWITTER = "TWITTER",
  TIKTOK = "TIKTOK",
  LINKEDIN = "LINKEDIN",
  YOUTUBE = "YOUTUBE",
  OTHER = "OTHER",
}

registerEnumType(Platform, { name: "Platform", description: "The social network an account, post or interaction belongs to." });

export const platforms = Object.values(Platform) as Platform[];
