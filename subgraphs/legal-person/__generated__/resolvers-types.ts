import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { LegalPersonRow, ShareholdingRow, PersonRef, DivisionRef, LegalPersonPage, LegalPersonEdgeModel } from '../db';
import type { LegalPersonContext } from '../loaders';
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
  /** A calendar date, YYYY-MM-DD (GB/T 7408) — 日期. */
  Date: { input: string; output: string; }
  /** An instant, ISO 8601 with offset, served in UTC — 日期时间. */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** 行政区划 — an administrative division (GB/T 2260), owned by the geospatial subgraph; referenced here by code only. */
export type AdminDivision = {
  __typename?: 'AdminDivision';
  /** 行政区划代码 — GB/T 2260 division code. */
  code: Scalars['ID']['output'];
};

/** A holder of shares or rights (持有人): a natural person (自然人) or a legal person (法人). */
export type Holder = LegalPerson | Person;

/**
 * A legal person (法人) as registered by market regulation (市场监管局): a company or other
 * registered market entity, identified by its 统一社会信用代码.
 */
export type LegalPerson = {
  __typename?: 'LegalPerson';
  /** 经营范围 — business scope as registered. */
  businessScope?: Maybe<Scalars['String']['output']>;
  /** 行政区划 — the administrative division (GB/T 2260) of registration; resolved by the geospatial subgraph. */
  division?: Maybe<AdminDivision>;
  /** 成立日期 — date of establishment. */
  establishedOn: Scalars['Date']['output'];
  /** 企业类型 — registration category by name, e.g. 有限责任公司. */
  kind: Scalars['String']['output'];
  /** 企业类型代码 — the registration category code behind `kind`. */
  kindCode: Scalars['String']['output'];
  /** 法定代表人 — the legal representative; resolved by the population subgraph. */
  legalRepresentative?: Maybe<Person>;
  /**
   * 企业名称 — registered name. Nullable like `Person.name`, so that `name` selected on both
   * members of `Holder` has one type.
   */
  name?: Maybe<Scalars['String']['output']>;
  /** 住所 — registered address. */
  registeredAddress?: Maybe<Scalars['String']['output']>;
  /** 注册资本 — registered capital in 万元 (10,000 CNY), a decimal as a string, e.g. "1200.50". */
  registeredCapital?: Maybe<Scalars['String']['output']>;
  /** 股东 — the company's shareholders (persons and companies) with their subscribed capital. */
  shareholders: Array<Shareholding>;
  /** 对外投资 — the shareholdings this company holds in other companies. */
  shareholdings: Array<Shareholding>;
  /** 登记状态 — registration status by name: 存续, 在业, 吊销, 注销 or 迁出. */
  status: Scalars['String']['output'];
  /** 登记状态代码 — the registration status code behind `status`. */
  statusCode: Scalars['String']['output'];
  /** 更新时间 — when the record last changed at the source. */
  updatedAt: Scalars['DateTime']['output'];
  /** 统一社会信用代码 — unified social credit code (GB 32100). */
  uscc: Scalars['ID']['output'];
};

/** A page of legal persons (法人列表分页), relay connection style. */
export type LegalPersonConnection = {
  __typename?: 'LegalPersonConnection';
  /** The legal persons of this page with their cursors. */
  edges: Array<LegalPersonEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** 总数 — how many legal persons match the filters, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One legal person in a page, with the cursor that points at it. */
export type LegalPersonEdge = {
  __typename?: 'LegalPersonEdge';
  /** Opaque cursor: pass as `after` to continue after this legal person. */
  cursor: Scalars['String']['output'];
  /** The legal person (法人). */
  node: LegalPerson;
};

/** Relay page information (分页信息). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last edge of this page; null for an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/**
 * A natural person (自然人), owned by the population subgraph (公安局); market regulation adds
 * the companies the person represents and the shares the person holds.
 */
export type Person = {
  __typename?: 'Person';
  /** 公民身份号码 — citizen identity number (GB 11643). */
  idNumber: Scalars['ID']['output'];
  /** 担任法定代表人的企业 — companies this person is the legal representative of. */
  legalRepresentativeOf?: Maybe<Array<LegalPerson>>;
  /**
   * 户籍所在行政区划 — owned by the population subgraph; required here so that jurisdiction
   * (属地管理) is checked against where the person lives, not where the company is.
   */
  residenceDivision?: Maybe<AdminDivision>;
  /** 持股 — shares this person holds in companies. */
  shareholdings?: Maybe<Array<Shareholding>>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * One legal person (法人) by its 统一社会信用代码 (unified social credit code, GB 32100); null when
   * the market-regulation register has no such company. A code that fails its checksum is BAD_USER_INPUT.
   */
  legalPerson?: Maybe<LegalPerson>;
  /**
   * Legal persons (法人) of the register, ordered by 统一社会信用代码, paged forward with a cursor.
   * Filters combine with AND.
   */
  legalPersons: LegalPersonConnection;
};


export type QueryLegalPersonArgs = {
  uscc: Scalars['ID']['input'];
};


export type QueryLegalPersonsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  divisionCode?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  nameContains?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Scalars['String']['input']>;
};

/** 股东出资 — one shareholder's stake in one company, as entered in the shareholder register. */
export type Shareholding = {
  __typename?: 'Shareholding';
  /** 企业 — the company the shares are held in. */
  company: LegalPerson;
  /** 股东 — the shareholder: a Person (自然人股东) or a LegalPerson (法人股东). */
  holder: Holder;
  /** 股东名称 — the shareholder's name as entered in the market-regulation register. */
  holderName: Scalars['String']['output'];
  /** 认缴出资额 — subscribed capital contribution in 万元, a decimal as a string. */
  subscribedCapital?: Maybe<Scalars['String']['output']>;
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
  LegalPerson: LegalPerson;
  Person: Person;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  LegalPerson:
    ( { __typename: 'LegalPerson' }
    & GraphQLRecursivePick<FederationTypes['LegalPerson'], {"uscc":true}> );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"idNumber":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Person'], {"residenceDivision":{"code":true}}>
        | GraphQLRecursivePick<FederationTypes['Person'], {"residenceDivision":{"code":true}}>
        | GraphQLRecursivePick<FederationTypes['Person'], {"residenceDivision":{"code":true}}> ) );
}>;

/** Mapping of union types */
export type ResolversUnionTypes<_RefType extends Record<string, unknown>> = ResolversObject<{
  Holder:
    | ( LegalPersonRow )
    | ( PersonRef )
  ;
}>;


/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AdminDivision: ResolverTypeWrapper<DivisionRef>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Holder: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['Holder']>;
  LegalPerson: ResolverTypeWrapper<LegalPersonRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  LegalPersonConnection: ResolverTypeWrapper<LegalPersonPage>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  LegalPersonEdge: ResolverTypeWrapper<LegalPersonEdgeModel>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Person: ResolverTypeWrapper<PersonRef>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Shareholding: ResolverTypeWrapper<ShareholdingRow>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AdminDivision: DivisionRef;
  ID: Scalars['ID']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Holder: ResolversUnionTypes<ResolversParentTypes>['Holder'];
  LegalPerson: LegalPersonRow;
  String: Scalars['String']['output'];
  LegalPersonConnection: LegalPersonPage;
  Int: Scalars['Int']['output'];
  LegalPersonEdge: LegalPersonEdgeModel;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Person: PersonRef;
  Query: Record<PropertyKey, never>;
  Shareholding: ShareholdingRow;
}>;

export type AdminDivisionResolvers<ContextType = LegalPersonContext, ParentType extends ResolversParentTypes['AdminDivision'] = ResolversParentTypes['AdminDivision']> = ResolversObject<{
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type HolderResolvers<ContextType = LegalPersonContext, ParentType extends ResolversParentTypes['Holder'] = ResolversParentTypes['Holder']> = ResolversObject<{
  __resolveType: TypeResolveFn<'LegalPerson' | 'Person', ParentType, ContextType>;
}>;

export type LegalPersonResolvers<ContextType = LegalPersonContext, ParentType extends ResolversParentTypes['LegalPerson'] = ResolversParentTypes['LegalPerson'], FederationReferenceType extends FederationReferenceTypes['LegalPerson'] = FederationReferenceTypes['LegalPerson']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LegalPerson']> | FederationReferenceType, FederationReferenceType, ContextType>;
  businessScope?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  division?: Resolver<Maybe<ResolversTypes['AdminDivision']>, ParentType, ContextType>;
  establishedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kindCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  legalRepresentative?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  registeredAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  registeredCapital?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  shareholders?: Resolver<Array<ResolversTypes['Shareholding']>, ParentType, ContextType>;
  shareholdings?: Resolver<Array<ResolversTypes['Shareholding']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  statusCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  uscc?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type LegalPersonConnectionResolvers<ContextType = LegalPersonContext, ParentType extends ResolversParentTypes['LegalPersonConnection'] = ResolversParentTypes['LegalPersonConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['LegalPersonEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type LegalPersonEdgeResolvers<ContextType = LegalPersonContext, ParentType extends ResolversParentTypes['LegalPersonEdge'] = ResolversParentTypes['LegalPersonEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['LegalPerson'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = LegalPersonContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PersonResolvers<ContextType = LegalPersonContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  idNumber?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  legalRepresentativeOf?: Resolver<Maybe<Array<ResolversTypes['LegalPerson']>>, ParentType, ContextType>;
  shareholdings?: Resolver<Maybe<Array<ResolversTypes['Shareholding']>>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = LegalPersonContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  legalPerson?: Resolver<Maybe<ResolversTypes['LegalPerson']>, ParentType, ContextType, RequireFields<QueryLegalPersonArgs, 'uscc'>>;
  legalPersons?: Resolver<ResolversTypes['LegalPersonConnection'], ParentType, ContextType, RequireFields<QueryLegalPersonsArgs, 'first'>>;
}>;

export type ShareholdingResolvers<ContextType = LegalPersonContext, ParentType extends ResolversParentTypes['Shareholding'] = ResolversParentTypes['Shareholding']> = ResolversObject<{
  company?: Resolver<ResolversTypes['LegalPerson'], ParentType, ContextType>;
  holder?: Resolver<ResolversTypes['Holder'], ParentType, ContextType>;
  holderName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subscribedCapital?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = LegalPersonContext> = ResolversObject<{
  AdminDivision?: AdminDivisionResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Holder?: HolderResolvers<ContextType>;
  LegalPerson?: LegalPersonResolvers<ContextType>;
  LegalPersonConnection?: LegalPersonConnectionResolvers<ContextType>;
  LegalPersonEdge?: LegalPersonEdgeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Shareholding?: ShareholdingResolvers<ContextType>;
}>;

