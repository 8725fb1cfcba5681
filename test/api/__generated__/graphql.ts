/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
};

export type DeleteUserPayload = {
  __typename?: 'DeleteUserPayload';
  deletedUserId: Scalars['ID']['output'];
  removed: Array<ErasureCount>;
};

/** How many rows of one kind an erasure removed or corrected. */
export type ErasureCount = {
  __typename?: 'ErasureCount';
  count: Scalars['Int']['output'];
  what: Scalars['String']['output'];
};

/** One thing a person did with a post. */
export type Interaction = Node & {
  __typename?: 'Interaction';
  createdAt: Scalars['DateTimeISO']['output'];
  /** The source's id for this event; re-sending it records nothing new. */
  externalId: Scalars['String']['output'];
  /** Opaque global ID (use with `node(id)`). */
  id: Scalars['ID']['output'];
  occurredAt: Scalars['DateTimeISO']['output'];
  post: Post;
  /** The text of a comment. */
  text?: Maybe<Scalars['String']['output']>;
  type: InteractionType;
  user: User;
  /** A purchase amount, a rating or a watch time, when the type has one. */
  value?: Maybe<Scalars['Float']['output']>;
};

/** A page of Interaction objects (Relay connection). */
export type InteractionConnection = {
  __typename?: 'InteractionConnection';
  edges: Array<InteractionEdge>;
  /** The nodes of the edges, for clients that need no cursors. */
  nodes: Array<Interaction>;
  pageInfo: PageInfo;
  /** Every match of the filter, across all pages (counted only when selected). */
  totalCount: Scalars['Int']['output'];
};

export type InteractionEdge = {
  __typename?: 'InteractionEdge';
  cursor: Scalars['String']['output'];
  node: Interaction;
};

/** Which interactions to list; every condition must hold. */
export type InteractionFilter = {
  /** Occurred at or after. */
  occurredAfter?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Occurred before. */
  occurredBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** The platform of the post. */
  platform?: InputMaybe<Platform>;
  postId?: InputMaybe<Scalars['ID']['input']>;
  types?: InputMaybe<Array<InteractionType>>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** One event to record. Name the person by `userId` or (`platform`, `userHandle`) and the post by `postId` or (`platform`, `postExternalId`). */
export type InteractionInput = {
  /** The source's event id; without one, the key is (user, post, type, occurredAt). */
  externalId?: InputMaybe<Scalars['String']['input']>;
  occurredAt: Scalars['DateTimeISO']['input'];
  /** Needed with userHandle or postExternalId. */
  platform?: InputMaybe<Platform>;
  postExternalId?: InputMaybe<Scalars['String']['input']>;
  postId?: InputMaybe<Scalars['ID']['input']>;
  /** Comment text, up to 10,000 characters. */
  text?: InputMaybe<Scalars['String']['input']>;
  type: InteractionType;
  userHandle?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
  /** Purchase amount, rating or watch time. */
  value?: InputMaybe<Scalars['Float']['input']>;
};

export type InteractionOrder = {
  direction?: OrderDirection;
  field: InteractionOrderField;
};

export type InteractionOrderField =
  | 'OCCURRED_AT';

export type InteractionType =
  | 'CLICK'
  | 'COMMENT'
  | 'CONVERSION'
  | 'LIKE'
  | 'SHARE'
  | 'VIEW';

export type MediaType =
  | 'LINK'
  | 'PHOTO'
  | 'STATUS'
  | 'TEXT'
  | 'VIDEO';

export type Mutation = {
  __typename?: 'Mutation';
  /** Privacy erasure: the account, its posts and interactions, and everything derived from them. */
  deleteUser: DeleteUserPayload;
  /** Record up to 5,000 interactions, all or nothing; idempotent on external ids; post counters follow. */
  recordInteractions: RecordInteractionsPayload;
  /** Create or update up to 5,000 posts by (platform, externalId), all or nothing. */
  upsertPosts: UpsertPostsPayload;
  /** Create or update up to 5,000 accounts by (platform, handle), all or nothing. */
  upsertUsers: UpsertUsersPayload;
};


export type MutationDeleteUserArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRecordInteractionsArgs = {
  interactions: Array<InteractionInput>;
};


export type MutationUpsertPostsArgs = {
  posts: Array<PostInput>;
};


export type MutationUpsertUsersArgs = {
  users: Array<UserInput>;
};

/** An object with an opaque, globally unique ID, fetchable with `node(id)`. */
export type Node = {
  /** Opaque global ID (use with `node(id)`). */
  id: Scalars['ID']['output'];
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** The social network an account, post or interaction belongs to. */
export type Platform =
  | 'FACEBOOK'
  | 'INSTAGRAM'
  | 'LINKEDIN'
  | 'OTHER'
  | 'TIKTOK'
  | 'TWITTER'
  | 'YOUTUBE';

/** A piece of content published by an account. */
export type Post = Node & {
  __typename?: 'Post';
  author: User;
  /** Topic or content category. */
  category?: Maybe<Scalars['String']['output']>;
  counters: PostCounters;
  createdAt: Scalars['DateTimeISO']['output'];
  /** The post's id on its platform (unique per platform). */
  externalId: Scalars['String']['output'];
  /** Hashtags parsed from the text, lower-cased, without #. */
  hashtags: Array<Scalars['String']['output']>;
  /** Opaque global ID (use with `node(id)`). */
  id: Scalars['ID']['output'];
  /** What people did with this post. */
  interactions: InteractionConnection;
  mediaType: MediaType;
  /** Accounts mentioned in the text, lower-cased, without @. */
  mentions: Array<Scalars['String']['output']>;
  /** Promoted with paid reach. */
  paid: Scalars['Boolean']['output'];
  platform: Platform;
  publishedAt: Scalars['DateTimeISO']['output'];
  text: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
};


/** A piece of content published by an account. */
export type PostInteractionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<InteractionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<InteractionOrder>;
};

/** A page of Post objects (Relay connection). */
export type PostConnection = {
  __typename?: 'PostConnection';
  edges: Array<PostEdge>;
  /** The nodes of the edges, for clients that need no cursors. */
  nodes: Array<Post>;
  pageInfo: PageInfo;
  /** Every match of the filter, across all pages (counted only when selected). */
  totalCount: Scalars['Int']['output'];
};

/** Denormalised engagement counters of a post. */
export type PostCounters = {
  __typename?: 'PostCounters';
  clicks: Scalars['Int']['output'];
  comments: Scalars['Int']['output'];
  conversions: Scalars['Int']['output'];
  /** likes + comments + shares. */
  engagements: Scalars['Int']['output'];
  /** Views (VIEW interactions, or the platform's impressions when imported). */
  impressions: Scalars['Int']['output'];
  likes: Scalars['Int']['output'];
  /** Distinct people who interacted (or the platform's reach when imported). */
  reach: Scalars['Int']['output'];
  shares: Scalars['Int']['output'];
};

export type PostEdge = {
  __typename?: 'PostEdge';
  cursor: Scalars['String']['output'];
  node: Post;
};

/** Which posts to list; every condition must hold. */
export type PostFilter = {
  /** Global ID of the author. */
  authorId?: InputMaybe<Scalars['ID']['input']>;
  category?: InputMaybe<Scalars['String']['input']>;
  /** Posts carrying this hashtag (with or without #). */
  hashtag?: InputMaybe<Scalars['String']['input']>;
  mediaType?: InputMaybe<MediaType>;
  paid?: InputMaybe<Scalars['Boolean']['input']>;
  platform?: InputMaybe<Platform>;
  /** Published at or after. */
  publishedAfter?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Published before. */
  publishedBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

/** A post to create or update, keyed by (platform, externalId). Give the author by `authorId` or `authorHandle`. */
export type PostInput = {
  /** Handle of the author on the same platform. */
  authorHandle?: InputMaybe<Scalars['String']['input']>;
  /** Global ID of the author. */
  authorId?: InputMaybe<Scalars['ID']['input']>;
  /** Topic or content category (lower-cased). */
  category?: InputMaybe<Scalars['String']['input']>;
  /** The post's id on its platform. */
  externalId: Scalars['String']['input'];
  /** Extra hashtags not written in the text. */
  hashtags?: InputMaybe<Array<Scalars['String']['input']>>;
  mediaType: MediaType;
  metrics?: InputMaybe<PostMetricsInput>;
  paid?: InputMaybe<Scalars['Boolean']['input']>;
  platform: Platform;
  publishedAt: Scalars['DateTimeISO']['input'];
  /** Up to 10,000 characters; hashtags and mentions are parsed from it. */
  text: Scalars['String']['input'];
};

/** Engagement totals reported by the platform (e.g. an Insights export); they replace the stored counters. */
export type PostMetricsInput = {
  clicks?: InputMaybe<Scalars['Int']['input']>;
  comments?: InputMaybe<Scalars['Int']['input']>;
  conversions?: InputMaybe<Scalars['Int']['input']>;
  impressions?: InputMaybe<Scalars['Int']['input']>;
  likes?: InputMaybe<Scalars['Int']['input']>;
  reach?: InputMaybe<Scalars['Int']['input']>;
  shares?: InputMaybe<Scalars['Int']['input']>;
};

export type PostOrder = {
  direction?: OrderDirection;
  field: PostOrderField;
};

export type PostOrderField =
  | 'COMMENTS'
  | 'IMPRESSIONS'
  | 'LIKES'
  | 'PUBLISHED_AT'
  | 'SHARES';

export type Query = {
  __typename?: 'Query';
  /** Interactions, most recent first. */
  interactions: InteractionConnection;
  /** Any object by its global ID; an unknown ID is a NOT_FOUND error. */
  node?: Maybe<Node>;
  /** Up to 100 objects by global ID, in order; unknown ones are null with a NOT_FOUND error. */
  nodes: Array<Maybe<Node>>;
  /** A post by global ID (NOT_FOUND if there is none). */
  post: Post;
  /** Posts, newest first unless ordered otherwise. */
  posts: PostConnection;
  /** An account by global ID (NOT_FOUND if there is none). */
  user: User;
  /** An account by its handle on a platform. */
  userByHandle?: Maybe<User>;
  /** Accounts, newest first unless ordered otherwise. */
  users: UserConnection;
};


export type QueryInteractionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<InteractionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<InteractionOrder>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryPostArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPostsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PostFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PostOrder>;
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUserByHandleArgs = {
  handle: Scalars['String']['input'];
  platform: Platform;
};


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<UserFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<UserOrder>;
};

export type RecordInteractionsPayload = {
  __typename?: 'RecordInteractionsPayload';
  /** Rows already recorded (same external id) or repeated in the batch: nothing changed for them. */
  duplicates: Scalars['Int']['output'];
  /** Posts whose counters moved. */
  postsUpdated: Scalars['Int']['output'];
  /** Rows in the batch. */
  received: Scalars['Int']['output'];
  /** Rows written now. */
  recorded: Scalars['Int']['output'];
};

export type UpsertPostsPayload = {
  __typename?: 'UpsertPostsPayload';
  created: Scalars['Int']['output'];
  /** The posts, in the order of their first row. */
  items: Array<Post>;
  /** Rows that repeated an earlier row's (platform, externalId) and were merged into it. */
  merged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

export type UpsertUsersPayload = {
  __typename?: 'UpsertUsersPayload';
  created: Scalars['Int']['output'];
  /** The accounts, in the order of their first row. */
  items: Array<User>;
  /** Rows that repeated an earlier row's (platform, handle) and were merged into it. */
  merged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

/** A social account: a person in the audience or a brand. */
export type User = Node & {
  __typename?: 'User';
  attributes?: Maybe<UserAttributes>;
  createdAt: Scalars['DateTimeISO']['output'];
  displayName?: Maybe<Scalars['String']['output']>;
  followers: Scalars['Int']['output'];
  /** The account's handle on its platform, without @, lower-cased. */
  handle: Scalars['String']['output'];
  /** Opaque global ID (use with `node(id)`). */
  id: Scalars['ID']['output'];
  /** What this account did. */
  interactions: InteractionConnection;
  /** A brand account (posts content) rather than a person. */
  isBrand: Scalars['Boolean']['output'];
  platform: Platform;
  /** Posts this account authored. */
  posts: PostConnection;
  updatedAt: Scalars['DateTimeISO']['output'];
};


/** A social account: a person in the audience or a brand. */
export type UserInteractionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<InteractionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<InteractionOrder>;
};


/** A social account: a person in the audience or a brand. */
export type UserPostsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PostFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PostOrder>;
};

/** CRM attributes of a person (all optional). */
export type UserAttributes = {
  __typename?: 'UserAttributes';
  /** Age in years (13–120). */
  age?: Maybe<Scalars['Int']['output']>;
  /** ISO 3166-1 alpha-2 country code. */
  country?: Maybe<Scalars['String']['output']>;
  education?: Maybe<Scalars['String']['output']>;
  /** Any other attribute, as a JSON object. */
  extra?: Maybe<Scalars['JSONObject']['output']>;
  gender?: Maybe<Scalars['String']['output']>;
  job?: Maybe<Scalars['String']['output']>;
  /** ISO 639-1 language code. */
  language?: Maybe<Scalars['String']['output']>;
  /** City or region. */
  location?: Maybe<Scalars['String']['output']>;
  maritalStatus?: Maybe<Scalars['String']['output']>;
};

export type UserAttributesInput = {
  /** Age in years (13–120). */
  age?: InputMaybe<Scalars['Int']['input']>;
  /** ISO 3166-1 alpha-2 country code. */
  country?: InputMaybe<Scalars['String']['input']>;
  education?: InputMaybe<Scalars['String']['input']>;
  /** Any other attribute, as a JSON object. */
  extra?: InputMaybe<Scalars['JSONObject']['input']>;
  gender?: InputMaybe<Scalars['String']['input']>;
  job?: InputMaybe<Scalars['String']['input']>;
  /** ISO 639-1 language code. */
  language?: InputMaybe<Scalars['String']['input']>;
  /** City or region. */
  location?: InputMaybe<Scalars['String']['input']>;
  maritalStatus?: InputMaybe<Scalars['String']['input']>;
};

/** A page of User objects (Relay connection). */
export type UserConnection = {
  __typename?: 'UserConnection';
  edges: Array<UserEdge>;
  /** The nodes of the edges, for clients that need no cursors. */
  nodes: Array<User>;
  pageInfo: PageInfo;
  /** Every match of the filter, across all pages (counted only when selected). */
  totalCount: Scalars['Int']['output'];
};

export type UserEdge = {
  __typename?: 'UserEdge';
  cursor: Scalars['String']['output'];
  node: User;
};

/** Which accounts to list. */
export type UserFilter = {
  /** Created at or after. */
  createdAfter?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Created before. */
  createdBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Exact handle (normalised like the input). */
  handle?: InputMaybe<Scalars['String']['input']>;
  isBrand?: InputMaybe<Scalars['Boolean']['input']>;
  platform?: InputMaybe<Platform>;
};

/** An account to create or update, keyed by (platform, handle). Omitted fields keep their stored value. */
export type UserInput = {
  attributes?: InputMaybe<UserAttributesInput>;
  displayName?: InputMaybe<Scalars['String']['input']>;
  followers?: InputMaybe<Scalars['Int']['input']>;
  /** Handle on the platform; a leading @ is dropped and it is lower-cased. */
  handle: Scalars['String']['input'];
  isBrand?: InputMaybe<Scalars['Boolean']['input']>;
  platform: Platform;
};

export type UserOrder = {
  direction?: OrderDirection;
  field: UserOrderField;
};

export type UserOrderField =
  | 'CREATED_AT'
  | 'FOLLOWERS';

/** Which interactions to list; every condition must hold. */
export type InteractionFilter = {
  /** Occurred at or after. */
  occurredAfter?: string | null | undefined;
  /** Occurred before. */
  occurredBefore?: string | null | undefined;
  /** The platform of the post. */
  platform?: Platform | null | undefined;
  postId?: string | number | null | undefined;
  types?: Array<InteractionType> | null | undefined;
  userId?: string | number | null | undefined;
};

/** One event to record. Name the person by `userId` or (`platform`, `userHandle`) and the post by `postId` or (`platform`, `postExternalId`). */
export type InteractionInput = {
  /** The source's event id; without one, the key is (user, post, type, occurredAt). */
  externalId?: string | null | undefined;
  occurredAt: string;
  /** Needed with userHandle or postExternalId. */
  platform?: Platform | null | undefined;
  postExternalId?: string | null | undefined;
  postId?: string | number | null | undefined;
  /** Comment text, up to 10,000 characters. */
  text?: string | null | undefined;
  type: InteractionType;
  userHandle?: string | null | undefined;
  userId?: string | number | null | undefined;
  /** Purchase amount, rating or watch time. */
  value?: number | null | undefined;
};

export type InteractionType =
  | 'CLICK'
  | 'COMMENT'
  | 'CONVERSION'
  | 'LIKE'
  | 'SHARE'
  | 'VIEW';

export type MediaType =
  | 'LINK'
  | 'PHOTO'
  | 'STATUS'
  | 'TEXT'
  | 'VIDEO';

export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** The social network an account, post or interaction belongs to. */
export type Platform =
  | 'FACEBOOK'
  | 'INSTAGRAM'
  | 'LINKEDIN'
  | 'OTHER'
  | 'TIKTOK'
  | 'TWITTER'
  | 'YOUTUBE';

/** Which posts to list; every condition must hold. */
export type PostFilter = {
  /** Global ID of the author. */
  authorId?: string | number | null | undefined;
  category?: string | null | undefined;
  /** Posts carrying this hashtag (with or without #). */
  hashtag?: string | null | undefined;
  mediaType?: MediaType | null | undefined;
  paid?: boolean | null | undefined;
  platform?: Platform | null | undefined;
  /** Published at or after. */
  publishedAfter?: string | null | undefined;
  /** Published before. */
  publishedBefore?: string | null | undefined;
};

/** A post to create or update, keyed by (platform, externalId). Give the author by `authorId` or `authorHandle`. */
export type PostInput = {
  /** Handle of the author on the same platform. */
  authorHandle?: string | null | undefined;
  /** Global ID of the author. */
  authorId?: string | number | null | undefined;
  /** Topic or content category (lower-cased). */
  category?: string | null | undefined;
  /** The post's id on its platform. */
  externalId: string;
  /** Extra hashtags not written in the text. */
  hashtags?: Array<string> | null | undefined;
  mediaType: MediaType;
  metrics?: PostMetricsInput | null | undefined;
  paid?: boolean | null | undefined;
  platform: Platform;
  publishedAt: string;
  /** Up to 10,000 characters; hashtags and mentions are parsed from it. */
  text: string;
};

/** Engagement totals reported by the platform (e.g. an Insights export); they replace the stored counters. */
export type PostMetricsInput = {
  clicks?: number | null | undefined;
  comments?: number | null | undefined;
  conversions?: number | null | undefined;
  impressions?: number | null | undefined;
  likes?: number | null | undefined;
  reach?: number | null | undefined;
  shares?: number | null | undefined;
};

export type PostOrder = {
  direction?: OrderDirection;
  field: PostOrderField;
};

export type PostOrderField =
  | 'COMMENTS'
  | 'IMPRESSIONS'
  | 'LIKES'
  | 'PUBLISHED_AT'
  | 'SHARES';

export type UserAttributesInput = {
  /** Age in years (13–120). */
  age?: number | null | undefined;
  /** ISO 3166-1 alpha-2 country code. */
  country?: string | null | undefined;
  education?: string | null | undefined;
  /** Any other attribute, as a JSON object. */
  extra?: Record<string, unknown> | null | undefined;
  gender?: string | null | undefined;
  job?: string | null | undefined;
  /** ISO 639-1 language code. */
  language?: string | null | undefined;
  /** City or region. */
  location?: string | null | undefined;
  maritalStatus?: string | null | undefined;
};

/** Which accounts to list. */
export type UserFilter = {
  /** Created at or after. */
  createdAfter?: string | null | undefined;
  /** Created before. */
  createdBefore?: string | null | undefined;
  /** Exact handle (normalised like the input). */
  handle?: string | null | undefined;
  isBrand?: boolean | null | undefined;
  platform?: Platform | null | undefined;
};

/** An account to create or update, keyed by (platform, handle). Omitted fields keep their stored value. */
export type UserInput = {
  attributes?: UserAttributesInput | null | undefined;
  displayName?: string | null | undefined;
  followers?: number | null | undefined;
  /** Handle on the platform; a leading @ is dropped and it is lower-cased. */
  handle: string;
  isBrand?: boolean | null | undefined;
  platform: Platform;
};

export type UserOrder = {
  direction?: OrderDirection;
  field: UserOrderField;
};

export type UserOrderField =
  | 'CREATED_AT'
  | 'FOLLOWERS';

export type RecordInteractionsMutationVariables = Exact<{
  interactions: Array<InteractionInput> | InteractionInput;
}>;


export type RecordInteractionsMutation = { recordInteractions: { received: number, recorded: number, duplicates: number, postsUpdated: number } };

export type InteractionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: InteractionFilter | null | undefined;
}>;


export type InteractionsQuery = { interactions: { totalCount: number, nodes: Array<{ id: string, type: InteractionType, value: number | null, text: string | null, occurredAt: string, externalId: string, user: { id: string }, post: { id: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node:
    | { __typename: 'Interaction', type: InteractionType, id: string }
    | { __typename: 'Post', externalId: string, id: string }
    | { __typename: 'User', handle: string, id: string }
   | null };

export type NodesQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodesQuery = { nodes: Array<
    | { __typename: 'Interaction', id: string }
    | { __typename: 'Post', id: string }
    | { __typename: 'User', id: string }
   | null> };

export type UpsertPostsMutationVariables = Exact<{
  posts: Array<PostInput> | PostInput;
}>;


export type UpsertPostsMutation = { upsertPosts: { created: number, updated: number, merged: number, items: Array<{ id: string, externalId: string, text: string, hashtags: Array<string>, mentions: Array<string>, category: string | null, paid: boolean, publishedAt: string, author: { id: string, handle: string }, counters: { impressions: number, reach: number, likes: number, comments: number, shares: number, clicks: number, conversions: number, engagements: number } }> } };

export type PostsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: PostFilter | null | undefined;
  orderBy?: PostOrder | null | undefined;
}>;


export type PostsQuery = { posts: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, externalId: string, publishedAt: string, mediaType: MediaType, hashtags: Array<string>, author: { id: string, handle: string }, counters: { likes: number, comments: number, impressions: number } } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type PostsWithInteractionsQueryVariables = Exact<{
  first?: number | null | undefined;
  interactionsFirst?: number | null | undefined;
}>;


export type PostsWithInteractionsQuery = { posts: { nodes: Array<{ id: string, author: { id: string, handle: string }, interactions: { totalCount: number, nodes: Array<{ id: string, type: InteractionType, user: { id: string, handle: string } }> } }> } };

export type PostCountersQueryVariables = Exact<{
  id: string | number;
}>;


export type PostCountersQuery = { post: { id: string, counters: { impressions: number, reach: number, likes: number, comments: number, shares: number, clicks: number, conversions: number, engagements: number } } };

export type UpsertUsersMutationVariables = Exact<{
  users: Array<UserInput> | UserInput;
}>;


export type UpsertUsersMutation = { upsertUsers: { created: number, updated: number, merged: number, items: Array<{ id: string, platform: Platform, handle: string, displayName: string | null, followers: number, isBrand: boolean, attributes: { age: number | null, country: string | null, job: string | null, extra: Record<string, unknown> | null } | null }> } };

export type UsersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: UserFilter | null | undefined;
  orderBy?: UserOrder | null | undefined;
}>;


export type UsersQuery = { users: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, handle: string, followers: number } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type UserWithActivityQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
}>;


export type UserWithActivityQuery = { user: { id: string, handle: string, posts: { totalCount: number, nodes: Array<{ id: string, externalId: string }> }, interactions: { totalCount: number, nodes: Array<{ id: string, type: InteractionType, post: { id: string } }> } } };

export type UsersWithPostsQueryVariables = Exact<{
  first?: number | null | undefined;
  postsFirst?: number | null | undefined;
}>;


export type UsersWithPostsQuery = { users: { nodes: Array<{ id: string, handle: string, posts: { totalCount: number, nodes: Array<{ id: string, author: { id: string } }> } }> } };

export type DeleteUserMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteUserMutation = { deleteUser: { deletedUserId: string, removed: Array<{ what: string, count: number }> } };


export const RecordInteractionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordInteractions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"interactions"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InteractionInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordInteractions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"interactions"},"value":{"kind":"Variable","name":{"kind":"Name","value":"interactions"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"received"}},{"kind":"Field","name":{"kind":"Name","value":"recorded"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"postsUpdated"}}]}}]}}]} as unknown as DocumentNode<RecordInteractionsMutation, RecordInteractionsMutationVariables>;
export const InteractionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Interactions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InteractionFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"post"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<InteractionsQuery, InteractionsQueryVariables>;
export const NodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Node"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"handle"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Post"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Interaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]} as unknown as DocumentNode<NodeQuery, NodeQueryVariables>;
export const NodesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Nodes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<NodesQuery, NodesQueryVariables>;
export const UpsertPostsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertPosts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"posts"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PostInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertPosts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"posts"},"value":{"kind":"Variable","name":{"kind":"Name","value":"posts"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"merged"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"hashtags"}},{"kind":"Field","name":{"kind":"Name","value":"mentions"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"paid"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}}]}},{"kind":"Field","name":{"kind":"Name","value":"counters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"impressions"}},{"kind":"Field","name":{"kind":"Name","value":"reach"}},{"kind":"Field","name":{"kind":"Name","value":"likes"}},{"kind":"Field","name":{"kind":"Name","value":"comments"}},{"kind":"Field","name":{"kind":"Name","value":"shares"}},{"kind":"Field","name":{"kind":"Name","value":"clicks"}},{"kind":"Field","name":{"kind":"Name","value":"conversions"}},{"kind":"Field","name":{"kind":"Name","value":"engagements"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpsertPostsMutation, UpsertPostsMutationVariables>;
export const PostsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Posts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PostFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PostOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"posts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"mediaType"}},{"kind":"Field","name":{"kind":"Name","value":"hashtags"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}}]}},{"kind":"Field","name":{"kind":"Name","value":"counters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"likes"}},{"kind":"Field","name":{"kind":"Name","value":"comments"}},{"kind":"Field","name":{"kind":"Name","value":"impressions"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<PostsQuery, PostsQueryVariables>;
export const PostsWithInteractionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PostsWithInteractions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"interactionsFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"posts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}}]}},{"kind":"Field","name":{"kind":"Name","value":"interactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"interactionsFirst"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PostsWithInteractionsQuery, PostsWithInteractionsQueryVariables>;
export const PostCountersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PostCounters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"post"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"counters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"impressions"}},{"kind":"Field","name":{"kind":"Name","value":"reach"}},{"kind":"Field","name":{"kind":"Name","value":"likes"}},{"kind":"Field","name":{"kind":"Name","value":"comments"}},{"kind":"Field","name":{"kind":"Name","value":"shares"}},{"kind":"Field","name":{"kind":"Name","value":"clicks"}},{"kind":"Field","name":{"kind":"Name","value":"conversions"}},{"kind":"Field","name":{"kind":"Name","value":"engagements"}}]}}]}}]}}]} as unknown as DocumentNode<PostCountersQuery, PostCountersQueryVariables>;
export const UpsertUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"users"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UserInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"users"},"value":{"kind":"Variable","name":{"kind":"Name","value":"users"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"merged"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"followers"}},{"kind":"Field","name":{"kind":"Name","value":"isBrand"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"age"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"job"}},{"kind":"Field","name":{"kind":"Name","value":"extra"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpsertUsersMutation, UpsertUsersMutationVariables>;
export const UsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Users"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"followers"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<UsersQuery, UsersQueryVariables>;
export const UserWithActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserWithActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"posts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"interactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"post"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<UserWithActivityQuery, UserWithActivityQueryVariables>;
export const UsersWithPostsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UsersWithPosts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"postsFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"isBrand"},"value":{"kind":"BooleanValue","value":true}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"posts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"postsFirst"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<UsersWithPostsQuery, UsersWithPostsQueryVariables>;
export const DeleteUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedUserId"}},{"kind":"Field","name":{"kind":"Name","value":"removed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"what"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteUserMutation, DeleteUserMutationVariables>;