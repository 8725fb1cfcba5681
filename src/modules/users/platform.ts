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

registerEnumType(Platform, {
  name: "Platform",
  description: "The social network an account, post or interaction belongs to.",
  valuesConfig: {
    TWITTER: { description: "Twitter / X." },
    OTHER: { description: "Anywhere else, e.g. a CRM's contacts (the bank-marketing importer's people) or a web shop." },
  },
});

export const platforms = Object.values(Platform) as Platform[];
