import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PersonRow, HouseholdRow, DivisionRef } from '../db';
import type { PopulationContext } from '../loaders';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, YYYY-MM-DD (GB/T 7408). 日期 */
  Date: { input: string; output: string; }
  /** An instant, ISO 8601 with offset, served in UTC. 日期时间 */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * An administrative division (行政区划, GB/T 2260), owned by the geospatial subgraph
 * (自然资源局); the population subgraph only refers to it by code.
 */
export type AdminDivision = {
  __typename?: 'AdminDivision';
  /** Division code (行政区划代码, GB/T 2260). */
  code: Scalars['ID']['output'];
};

/** Gender (性别), from the GB/T 2261.1 code of the population register. */
export type Gender =
  /** Female (女, code 2). */
  | 'FEMALE'
  /** Male (男, code 1). */
  | 'MALE'
  /** Unknown or not stated (未知的性别 0, 未说明的性别 9). */
  | 'UNKNOWN';

/** A registered household (户籍, RK_HJXX), identified by its household number (户号). */
export type Household = {
  __typename?: 'Household';
  /** Address of the household registration (户籍地址). */
  address?: Maybe<Scalars['String']['output']>;
  /** Administrative division of the household registration (户籍行政区划, GB/T 2260). */
  division?: Maybe<AdminDivision>;
  /** The head of the household (户主). */
  head?: Maybe<Person>;
  /** Number of registered members (户内人数). */
  memberCount?: Maybe<Scalars['Int']['output']>;
  /** The members (户成员): the head first, then by relation code and date of birth. */
  members?: Maybe<Array<HouseholdMember>>;
  /** Household number (户号): the 6-digit division code followed by a 6-digit sequence. */
  number?: Maybe<Scalars['ID']['output']>;
  /** When the household record was last updated at the source (更新时间). */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** A person's membership of a household (户成员), with their relation to the head. */
export type HouseholdMember = {
  __typename?: 'HouseholdMember';
  /** The member (成员). */
  person?: Maybe<Person>;
  /** Relation to the head of the household (与户主关系, GB/T 4761), e.g. 户主, 配偶, 子. */
  relationToHead?: Maybe<Scalars['String']['output']>;
};

/**
 * A natural person in the resident population register (人口基本信息, RK_JBXX) of the
 * public-security bureau (公安局), identified by the 公民身份号码.
 */
export type Person = {
  __typename?: 'Person';
  /** Date of birth (出生日期). */
  birthDate?: Maybe<Scalars['Date']['output']>;
  /** Case flags (案件标记) recorded by public security, as names, e.g. 前科; empty when none. */
  caseFlags?: Maybe<Array<Scalars['String']['output']>>;
  /** Whether the person is recorded as deceased (死亡标识). */
  deceased?: Maybe<Scalars['Boolean']['output']>;
  /** Ethnic group (民族, GB/T 3304), as its name, e.g. 汉族. */
  ethnicity?: Maybe<Scalars['String']['output']>;
  /** Gender (性别, GB/T 2261.1). */
  gender?: Maybe<Gender>;
  /** The household (户) the person is registered in. */
  household?: Maybe<Household>;
  /** Citizen identity number (公民身份号码, GB 11643): 18 characters with a check character. */
  idNumber?: Maybe<Scalars['ID']['output']>;
  /** Marital status (婚姻状况, GB/T 2261.2), as its name, e.g. 已婚. */
  maritalStatus?: Maybe<Scalars['String']['output']>;
  /** Name (姓名). */
  name?: Maybe<Scalars['String']['output']>;
  /** Contact telephone number (联系电话). */
  phone?: Maybe<Scalars['String']['output']>;
  /** Address of household registration (户籍地址). */
  registeredAddress?: Maybe<Scalars['String']['output']>;
  /** Relation to the head of the household (与户主关系, GB/T 4761), as its name, e.g. 户主, 配偶, 子. */
  relationToHead?: Maybe<Scalars['String']['output']>;
  /** Administrative division of the household registration (户籍行政区划, GB/T 2260). */
  residenceDivision?: Maybe<AdminDivision>;
  /** When the person's record was last updated at the source (更新时间). */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** One household by household number (户号); null if not registered. */
  household?: Maybe<Household>;
  /** One person by citizen identity number (公民身份号码); null if not registered. */
  person?: Maybe<Person>;
  /**
   * Several persons by citizen identity number, in the order asked, null for an unregistered
   * number. At most 1,000 numbers per request.
   */
  persons: Array<Maybe<Person>>;
};


export type QueryHouseholdArgs = {
  number: Scalars['ID']['input'];
};


export type QueryPersonArgs = {
  idNumber: Scalars['ID']['input'];
};


export type QueryPersonsArgs = {
  idNumbers: Array<Scalars['ID']['input']>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Household: Household;
  Person: Person;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Household:
    ( { __typename: 'Household' }
    & GraphQLRecursivePick<FederationTypes['Household'], {"number":true}> );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"idNumber":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AdminDivision: ResolverTypeWrapper<DivisionRef>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Gender: Gender;
  Household: ResolverTypeWrapper<HouseholdRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  HouseholdMember: ResolverTypeWrapper<PersonRow>;
  Person: ResolverTypeWrapper<PersonRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AdminDivision: DivisionRef;
  ID: Scalars['ID']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Household: HouseholdRow;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  HouseholdMember: PersonRow;
  Person: PersonRow;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
}>;

export type AdminDivisionResolvers<ContextType = PopulationContext, ParentType extends ResolversParentTypes['AdminDivision'] = ResolversParentTypes['AdminDivision']> = ResolversObject<{
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type HouseholdResolvers<ContextType = PopulationContext, ParentType extends ResolversParentTypes['Household'] = ResolversParentTypes['Household'], FederationReferenceType extends FederationReferenceTypes['Household'] = FederationReferenceTypes['Household']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Household']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  division?: Resolver<Maybe<ResolversTypes['AdminDivision']>, ParentType, ContextType>;
  head?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  memberCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  members?: Resolver<Maybe<Array<ResolversTypes['HouseholdMember']>>, ParentType, ContextType>;
  number?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type HouseholdMemberResolvers<ContextType = PopulationContext, ParentType extends ResolversParentTypes['HouseholdMember'] = ResolversParentTypes['HouseholdMember']> = ResolversObject<{
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  relationToHead?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PersonResolvers<ContextType = PopulationContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  birthDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  caseFlags?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  deceased?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  ethnicity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gender?: Resolver<Maybe<ResolversTypes['Gender']>, ParentType, ContextType>;
  household?: Resolver<Maybe<ResolversTypes['Household']>, ParentType, ContextType>;
  idNumber?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  maritalStatus?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  registeredAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  relationToHead?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  residenceDivision?: Resolver<Maybe<ResolversTypes['AdminDivision']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = PopulationContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  household?: Resolver<Maybe<ResolversTypes['Household']>, ParentType, ContextType, RequireFields<QueryHouseholdArgs, 'number'>>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType, RequireFields<QueryPersonArgs, 'idNumber'>>;
  persons?: Resolver<Array<Maybe<ResolversTypes['Person']>>, ParentType, ContextType, RequireFields<QueryPersonsArgs, 'idNumbers'>>;
}>;

export type Resolvers<ContextType = PopulationContext> = ResolversObject<{
  AdminDivision?: AdminDivisionResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Household?: HouseholdResolvers<ContextType>;
  HouseholdMember?: HouseholdMemberResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
}>;

