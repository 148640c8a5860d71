import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { InsuredUnitRow, SocialInsuranceEnrolmentRow, ContributionRow } from '../db';
import type { SocialSecurityContext } from '../loaders';
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

/** 缴费明细 (table SB_JFMX). */
export type Contribution = {
  __typename?: 'Contribution';
  /** 缴费基数(分/月); 城乡居民险种为空 (JFJS, int(11)) */
  contributionBase?: Maybe<Scalars['Int']['output']>;
  /** 单位缴费金额(分) (DWJF, int(11)) */
  dwjf?: Maybe<Scalars['Int']['output']>;
  /** 个人缴费金额(分) (GRJF, int(11)) */
  grjf?: Maybe<Scalars['Int']['output']>;
  /** 公民身份号码 (GMSFHM, char(18)) */
  idNumber?: Maybe<Scalars['ID']['output']>;
  /** 险种类型(DM_XZLX) (XZLX, char(3)) */
  insuranceType?: Maybe<Scalars['ID']['output']>;
  /** 缴费年月(YYYYMM); 城乡居民险种按年缴费, 记在当年12月 (JFNY, char(6)) */
  jfny?: Maybe<Scalars['ID']['output']>;
  /** The SocialInsuranceEnrolment (个人参保信息, SB_GRCBXX) this row's 公民身份号码 (GMSFHM), 险种类型(DM_XZLX) (XZLX) refers to (foreign key FK_SB_JFMX_GRCBXX). */
  socialInsuranceEnrolment?: Maybe<SocialInsuranceEnrolment>;
};

/** 参保单位信息 (table SB_DWXX). */
export type InsuredUnit = {
  __typename?: 'InsuredUnit';
  /** 参保登记日期 (CBDJRQ, date) */
  cbdjrq?: Maybe<Scalars['Date']['output']>;
  /** 行政区划代码(GB/T 2260) (XZQH, char(6)) */
  divisionCode?: Maybe<Scalars['String']['output']>;
  /** 单位名称 (DWMC, varchar(200)) */
  employerName?: Maybe<Scalars['String']['output']>;
  /** 单位编号 (DWBH, char(12)) */
  employerNumber?: Maybe<Scalars['ID']['output']>;
  /** 更新时间 (GXSJ, datetime) */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 统一社会信用代码 (TYSHXYDM, char(18)) */
  uscc?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** One Contribution, 缴费明细 (SB_JFMX), by its key; null if there is none. */
  contribution?: Maybe<Contribution>;
  /** One InsuredUnit, 参保单位信息 (SB_DWXX), by its key; null if there is none. */
  insuredUnit?: Maybe<InsuredUnit>;
  /** Several InsuredUnit by key, in the order asked, null where there is none. At most 1,000 keys per request. */
  insuredUnits: Array<Maybe<InsuredUnit>>;
  /** One SocialInsuranceEnrolment, 个人参保信息 (SB_GRCBXX), by its key; null if there is none. */
  socialInsuranceEnrolment?: Maybe<SocialInsuranceEnrolment>;
};


export type QueryContributionArgs = {
  idNumber: Scalars['ID']['input'];
  insuranceType: Scalars['ID']['input'];
  jfny: Scalars['ID']['input'];
};


export type QueryInsuredUnitArgs = {
  employerNumber: Scalars['ID']['input'];
};


export type QueryInsuredUnitsArgs = {
  employerNumbers: Array<Scalars['ID']['input']>;
};


export type QuerySocialInsuranceEnrolmentArgs = {
  idNumber: Scalars['ID']['input'];
  insuranceType: Scalars['ID']['input'];
};

/** 个人参保信息 (table SB_GRCBXX). */
export type SocialInsuranceEnrolment = {
  __typename?: 'SocialInsuranceEnrolment';
  /** The InsuredUnit (参保单位信息, SB_DWXX) this row's 单位编号(SB_DWXX); 城乡居民险种为空 (DWBH) refers to (foreign key FK_SB_GRCBXX_DWBH). */
  employer?: Maybe<InsuredUnit>;
  /** 单位编号(SB_DWXX); 城乡居民险种为空 (DWBH, char(12)) */
  employerNumber?: Maybe<Scalars['String']['output']>;
  /** 参保日期 (CBRQ, date) */
  enrolledOn?: Maybe<Scalars['Date']['output']>;
  /** 参保状态(DM_CBZT), as its name in 参保状态代码表 (DM_CBZT) */
  enrolmentStatus?: Maybe<Scalars['String']['output']>;
  /** 参保状态(DM_CBZT): the code (CBZT, char(1)) */
  enrolmentStatusCode?: Maybe<Scalars['String']['output']>;
  /** 公民身份号码 (GMSFHM, char(18)) */
  idNumber?: Maybe<Scalars['ID']['output']>;
  /** 险种类型(DM_XZLX) (XZLX, char(3)) */
  insuranceType?: Maybe<Scalars['ID']['output']>;
  /** 缴费月数(累计) (JFYS, int(11)) */
  paidMonths?: Maybe<Scalars['Int']['output']>;
  /** 更新时间 (GXSJ, datetime) */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
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
  Contribution: Contribution;
  InsuredUnit: InsuredUnit;
  SocialInsuranceEnrolment: SocialInsuranceEnrolment;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Contribution:
    ( { __typename: 'Contribution' }
    & GraphQLRecursivePick<FederationTypes['Contribution'], {"idNumber":true,"insuranceType":true,"jfny":true}> );
  InsuredUnit:
    ( { __typename: 'InsuredUnit' }
    & GraphQLRecursivePick<FederationTypes['InsuredUnit'], {"employerNumber":true}> );
  SocialInsuranceEnrolment:
    ( { __typename: 'SocialInsuranceEnrolment' }
    & GraphQLRecursivePick<FederationTypes['SocialInsuranceEnrolment'], {"idNumber":true,"insuranceType":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Contribution: ResolverTypeWrapper<ContributionRow>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  InsuredUnit: ResolverTypeWrapper<InsuredUnitRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SocialInsuranceEnrolment: ResolverTypeWrapper<SocialInsuranceEnrolmentRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Contribution: ContributionRow;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  InsuredUnit: InsuredUnitRow;
  String: Scalars['String']['output'];
  Query: Record<PropertyKey, never>;
  SocialInsuranceEnrolment: SocialInsuranceEnrolmentRow;
  Boolean: Scalars['Boolean']['output'];
}>;

export type ContributionResolvers<ContextType = SocialSecurityContext, ParentType extends ResolversParentTypes['Contribution'] = ResolversParentTypes['Contribution'], FederationReferenceType extends FederationReferenceTypes['Contribution'] = FederationReferenceTypes['Contribution']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Contribution']> | FederationReferenceType, FederationReferenceType, ContextType>;
  contributionBase?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  dwjf?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  grjf?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  idNumber?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  insuranceType?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  jfny?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  socialInsuranceEnrolment?: Resolver<Maybe<ResolversTypes['SocialInsuranceEnrolment']>, ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type InsuredUnitResolvers<ContextType = SocialSecurityContext, ParentType extends ResolversParentTypes['InsuredUnit'] = ResolversParentTypes['InsuredUnit'], FederationReferenceType extends FederationReferenceTypes['InsuredUnit'] = FederationReferenceTypes['InsuredUnit']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['InsuredUnit']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cbdjrq?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  divisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  employerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  employerNumber?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  uscc?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SocialSecurityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  contribution?: Resolver<Maybe<ResolversTypes['Contribution']>, ParentType, ContextType, RequireFields<QueryContributionArgs, 'idNumber' | 'insuranceType' | 'jfny'>>;
  insuredUnit?: Resolver<Maybe<ResolversTypes['InsuredUnit']>, ParentType, ContextType, RequireFields<QueryInsuredUnitArgs, 'employerNumber'>>;
  insuredUnits?: Resolver<Array<Maybe<ResolversTypes['InsuredUnit']>>, ParentType, ContextType, RequireFields<QueryInsuredUnitsArgs, 'employerNumbers'>>;
  socialInsuranceEnrolment?: Resolver<Maybe<ResolversTypes['SocialInsuranceEnrolment']>, ParentType, ContextType, RequireFields<QuerySocialInsuranceEnrolmentArgs, 'idNumber' | 'insuranceType'>>;
}>;

export type SocialInsuranceEnrolmentResolvers<ContextType = SocialSecurityContext, ParentType extends ResolversParentTypes['SocialInsuranceEnrolment'] = ResolversParentTypes['SocialInsuranceEnrolment'], FederationReferenceType extends FederationReferenceTypes['SocialInsuranceEnrolment'] = FederationReferenceTypes['SocialInsuranceEnrolment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['SocialInsuranceEnrolment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  employer?: Resolver<Maybe<ResolversTypes['InsuredUnit']>, ParentType, ContextType>;
  employerNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enrolledOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  enrolmentStatus?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enrolmentStatusCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  idNumber?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  insuranceType?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  paidMonths?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SocialSecurityContext> = ResolversObject<{
  Contribution?: ContributionResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  InsuredUnit?: InsuredUnitResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SocialInsuranceEnrolment?: SocialInsuranceEnrolmentResolvers<ContextType>;
}>;

