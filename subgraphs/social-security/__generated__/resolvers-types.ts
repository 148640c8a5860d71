import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EnrolmentRow, PersonRef, LegalPersonRef } from '../db';
import type { SocialSecurityContext } from '../loaders';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, YYYY-MM-DD (GB/T 7408) — 日期. */
  Date: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** 行政区划 — an administrative division (GB/T 2260), owned by the geospatial subgraph; referenced here by code only. */
export type AdminDivision = {
  __typename?: 'AdminDivision';
  /** 行政区划代码 — GB/T 2260 division code. */
  code: Scalars['ID']['output'];
};

/**
 * A legal person (法人), owned by the legal-person subgraph (市场监管局); human resources and
 * social security adds how many of its employees are insured.
 */
export type LegalPerson = {
  __typename?: 'LegalPerson';
  /**
   * 参保职工人数 — how many persons are insured through this company and paying (参保缴费), a
   * count, not names; null when the company is not registered as a 参保单位.
   */
  insuredEmployees?: Maybe<Scalars['Int']['output']>;
  /** 统一社会信用代码 — unified social credit code (GB 32100). */
  uscc: Scalars['ID']['output'];
};

/**
 * A natural person (自然人), owned by the population subgraph (公安局); human resources and social
 * security adds the person's social-insurance enrolments.
 */
export type Person = {
  __typename?: 'Person';
  /** 公民身份号码 — citizen identity number (GB 11643). */
  idNumber: Scalars['ID']['output'];
  /**
   * 户籍所在行政区划 — owned by the population subgraph; required here so that jurisdiction
   * (属地管理) is checked against where the person lives.
   */
  residenceDivision?: Maybe<AdminDivision>;
  /**
   * 社会保险参保信息 — the person's enrolments, one per scheme, by scheme code; empty for a person
   * never insured.
   */
  socialInsurance?: Maybe<Array<SocialInsuranceEnrolment>>;
};

/**
 * 社会保险参保 — one person's enrolment in one insurance scheme (险种), as the social-insurance
 * agency (人力资源和社会保障局) records it: 个人参保信息 SB_GRCBXX, with the last month paid from
 * 缴费明细 SB_JFMX.
 */
export type SocialInsuranceEnrolment = {
  __typename?: 'SocialInsuranceEnrolment';
  /**
   * 参保单位 — the employer the person is insured through, as a legal person; null in the
   * 城乡居民 schemes, which have none, and for a unit without a 统一社会信用代码.
   */
  employer?: Maybe<LegalPerson>;
  /**
   * 险种类型 — the scheme by name: 城镇职工基本养老保险, 城乡居民基本养老保险, 职工基本医疗保险,
   * 城乡居民基本医疗保险, 失业保险, 工伤保险, 生育保险 ….
   */
  insuranceType?: Maybe<Scalars['String']['output']>;
  /** 险种类型代码 — the scheme's code behind `insuranceType` (110, 170, 210, 310, 390, 410, 510 …). */
  insuranceTypeCode?: Maybe<Scalars['String']['output']>;
  /** 最后缴费年月 — the last month paid, YYYY-MM (for a yearly 城乡居民 scheme, December of the last year paid). */
  lastPaidMonth?: Maybe<Scalars['String']['output']>;
  /**
   * 缴费基数 — the monthly contribution base of the last month paid, in 元 per month, a decimal
   * as a string (e.g. "6800.00"); null in the 城乡居民 schemes, which are paid yearly at a chosen tier.
   */
  monthlyContributionBase?: Maybe<Scalars['String']['output']>;
  /** 累计缴费月数 — months paid in this scheme in all (a 城乡居民 year paid counts twelve). */
  paidMonths?: Maybe<Scalars['Int']['output']>;
  /** 参保日期 — the date the person was first insured in this scheme. */
  startedOn?: Maybe<Scalars['Date']['output']>;
  /** 参保状态 — 参保缴费 (paying), 暂停缴费 (suspended) or 终止参保 (ended). */
  status?: Maybe<Scalars['String']['output']>;
  /** 参保状态代码 — the status code behind `status` (1, 2, 3). */
  statusCode?: Maybe<Scalars['String']['output']>;
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
        | GraphQLRecursivePick<FederationTypes['Person'], {"residenceDivision":{"code":true}}> ) );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AdminDivision: ResolverTypeWrapper<AdminDivision>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  LegalPerson: ResolverTypeWrapper<LegalPersonRef>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Person: ResolverTypeWrapper<PersonRef>;
  SocialInsuranceEnrolment: ResolverTypeWrapper<EnrolmentRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AdminDivision: AdminDivision;
  ID: Scalars['ID']['output'];
  Date: Scalars['Date']['output'];
  LegalPerson: LegalPersonRef;
  Int: Scalars['Int']['output'];
  Person: PersonRef;
  SocialInsuranceEnrolment: EnrolmentRow;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
}>;

export type AdminDivisionResolvers<ContextType = SocialSecurityContext, ParentType extends ResolversParentTypes['AdminDivision'] = ResolversParentTypes['AdminDivision']> = ResolversObject<{
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export type LegalPersonResolvers<ContextType = SocialSecurityContext, ParentType extends ResolversParentTypes['LegalPerson'] = ResolversParentTypes['LegalPerson'], FederationReferenceType extends FederationReferenceTypes['LegalPerson'] = FederationReferenceTypes['LegalPerson']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LegalPerson']> | FederationReferenceType, FederationReferenceType, ContextType>;
  insuredEmployees?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  uscc?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PersonResolvers<ContextType = SocialSecurityContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  idNumber?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  socialInsurance?: Resolver<Maybe<Array<ResolversTypes['SocialInsuranceEnrolment']>>, ParentType, ContextType>;
}>;

export type SocialInsuranceEnrolmentResolvers<ContextType = SocialSecurityContext, ParentType extends ResolversParentTypes['SocialInsuranceEnrolment'] = ResolversParentTypes['SocialInsuranceEnrolment']> = ResolversObject<{
  employer?: Resolver<Maybe<ResolversTypes['LegalPerson']>, ParentType, ContextType>;
  insuranceType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  insuranceTypeCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastPaidMonth?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  monthlyContributionBase?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  paidMonths?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  startedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  statusCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SocialSecurityContext> = ResolversObject<{
  AdminDivision?: AdminDivisionResolvers<ContextType>;
  Date?: GraphQLScalarType;
  LegalPerson?: LegalPersonResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  SocialInsuranceEnrolment?: SocialInsuranceEnrolmentResolvers<ContextType>;
}>;

