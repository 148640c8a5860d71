import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { DivisionRow, ParcelRow, RightRow, EncumbranceRow, PersonRef, LegalPersonRef } from '../db';
import type { GeospatialContext } from '../loaders';
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
  /** A calendar date, YYYY-MM-DD (GB/T 7408). */
  Date: { input: string; output: string; }
  /** An instant, ISO 8601 with offset (served in UTC). */
  DateTime: { input: string; output: string; }
  /** A GeoJSON geometry object (RFC 7946), WGS 84 longitude/latitude. */
  GeoJSON: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * An administrative division 行政区划 (GB/T 2260; 9-digit codes for 乡镇街道), as kept by the
 * natural-resources department 自然资源局. Boundaries are synthetic in the demo: derived from
 * approximate centres, they tile their parent but are not the surveyed lines.
 */
export type AdminDivision = {
  __typename?: 'AdminDivision';
  /** Boundary 边界 as a GeoJSON MultiPolygon (WGS 84); synthetic in the demo. */
  boundary?: Maybe<Scalars['GeoJSON']['output']>;
  /** The divisions one level down 下级行政区划, ordered by code. */
  children: Array<AdminDivision>;
  /** Division code 行政区划代码: 6 digits (GB/T 2260) or 9 digits for a township/street 乡镇街道. */
  code: Scalars['ID']['output'];
  /** Level 级别: 1 province 省, 2 prefecture city 地级市, 3 county/district 区县, 4 township/street 乡镇街道. */
  level: Scalars['Int']['output'];
  /** The level's name 级别名称: 省, 市, 区县 or 乡镇街道. */
  levelName: Scalars['String']['output'];
  /** Division name 行政区划名称, e.g. 玄武区. */
  name: Scalars['String']['output'];
  /** The division one level up 上级行政区划; null for a province. */
  parent?: Maybe<AdminDivision>;
};

/** An encumbrance 他项权利 on a real-estate right. */
export type Encumbrance = {
  __typename?: 'Encumbrance';
  /** Secured amount 金额 in 万元 (ten thousand yuan), decimal as a string; null for a seizure. */
  amount?: Maybe<Scalars['String']['output']>;
  /** Document number 文号: the 不动产登记证明 number of a mortgage or the court's case number of a seizure. */
  documentNo?: Maybe<Scalars['String']['output']>;
  /** The encumbrance holder 他项权利人: the lending bank for a mortgage, the court for a seizure. */
  holderName?: Maybe<Scalars['String']['output']>;
  /** Kind 他项权利类型: 抵押 (mortgage) or 查封 (seizure). */
  kind?: Maybe<Scalars['String']['output']>;
  /** Kind code 他项权利类型代码: 1 抵押, 2 查封. */
  kindCode?: Maybe<Scalars['String']['output']>;
  /** Registration date 登记时间. */
  registeredOn?: Maybe<Scalars['Date']['output']>;
};

/** Who holds a real-estate right 权利人. */
export type Holder = LegalPerson | Person;

/** A legal person 法人, owned by the legal-person subgraph; the land register contributes its rights. */
export type LegalPerson = {
  __typename?: 'LegalPerson';
  /** Real-estate rights 不动产权 registered to this legal person, oldest first. */
  realEstateRights?: Maybe<Array<RealEstateRight>>;
  /** Unified social credit code 统一社会信用代码 (GB 32100). */
  uscc: Scalars['ID']['output'];
};

/** A cadastral parcel 宗地 from the land register 宗地基本信息. */
export type Parcel = {
  __typename?: 'Parcel';
  /** Registered area 宗地面积 in square metres. */
  area?: Maybe<Scalars['Float']['output']>;
  /** Parcel code 宗地代码 (GB/T 13923 shape): 12 digits of division and cadastral (sub)district, 2 letters, 5-digit sequence. */
  code: Scalars['ID']['output'];
  /** The township/street 乡镇街道 the parcel lies in. */
  division: AdminDivision;
  /** Parcel outline 宗地图形 as a GeoJSON MultiPolygon (WGS 84); synthetic in the demo. */
  geometry?: Maybe<Scalars['GeoJSON']['output']>;
  /** Land use 土地用途, the GB/T 21010 category name, e.g. 城镇住宅用地. */
  landUse?: Maybe<Scalars['String']['output']>;
  /** Land use code 土地用途代码 (GB/T 21010), e.g. 0701. */
  landUseCode?: Maybe<Scalars['String']['output']>;
  /** The real-estate rights 不动产权 registered on this parcel, oldest first. */
  rights?: Maybe<Array<RealEstateRight>>;
  /** When the parcel record last changed at the source 更新时间. */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** A natural person 自然人, owned by the population subgraph; the land register contributes their rights. */
export type Person = {
  __typename?: 'Person';
  /** Citizen identity number 公民身份号码 (GB 11643). */
  idNumber: Scalars['ID']['output'];
  /** Real-estate rights 不动产权 registered to this person, oldest first. */
  realEstateRights?: Maybe<Array<RealEstateRight>>;
  /**
   * Division of residence 户籍所在行政区划 — owned by the population subgraph; required so that
   * jurisdiction (属地管理) is checked against where the person lives.
   */
  residenceDivision?: Maybe<AdminDivision>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * One administrative division 行政区划 by code. A code that is malformed, or well-formed but not
   * in this register's code table (XZQH), is BAD_USER_INPUT — never a silent null.
   */
  division?: Maybe<AdminDivision>;
  /** The deepest administrative division containing a point (point-in-polygon 空间定位); null outside every division. */
  divisionAt?: Maybe<AdminDivision>;
  /** One parcel 宗地 by its code; null if not registered. */
  parcel?: Maybe<Parcel>;
  /** Parcels 宗地 within a radius of a point, nearest first (distance to the parcel outline), at most 500. */
  parcelsNear: Array<Parcel>;
};


export type QueryDivisionArgs = {
  code: Scalars['ID']['input'];
};


export type QueryDivisionAtArgs = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};


export type QueryParcelArgs = {
  code: Scalars['ID']['input'];
};


export type QueryParcelsNearArgs = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
  radiusMeters: Scalars['Float']['input'];
};

/** A registered real-estate right 不动产权 (one 不动产权证书). */
export type RealEstateRight = {
  __typename?: 'RealEstateRight';
  /** Certificate number 不动产权证书号, e.g. 苏(2019)南京市不动产权第0000101号. */
  certificateNo?: Maybe<Scalars['ID']['output']>;
  /** Encumbrances 他项权利 (mortgages 抵押, seizures 查封) on this right, oldest first. */
  encumbrances?: Maybe<Array<Encumbrance>>;
  /** The right holder 权利人: a person (by 公民身份号码) or a legal person (by 统一社会信用代码). */
  holder?: Maybe<Holder>;
  /** The holder's name as written on the certificate 权利人名称; the authoritative name is on the holder itself (一数一源). */
  holderName?: Maybe<Scalars['String']['output']>;
  /** The parcel 宗地 the right is registered on. */
  parcel?: Maybe<Parcel>;
  /** Registration date 登记时间. */
  registeredOn?: Maybe<Scalars['Date']['output']>;
  /** When the right's record last changed at the source 更新时间. */
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
  AdminDivision: AdminDivision;
  LegalPerson: LegalPerson;
  Parcel: Parcel;
  Person: Person;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  AdminDivision:
    ( { __typename: 'AdminDivision' }
    & GraphQLRecursivePick<FederationTypes['AdminDivision'], {"code":true}> );
  LegalPerson:
    ( { __typename: 'LegalPerson' }
    & GraphQLRecursivePick<FederationTypes['LegalPerson'], {"uscc":true}> );
  Parcel:
    ( { __typename: 'Parcel' }
    & GraphQLRecursivePick<FederationTypes['Parcel'], {"code":true}> );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"idNumber":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Person'], {"residenceDivision":{"code":true}}> ) );
}>;

/** Mapping of union types */
export type ResolversUnionTypes<_RefType extends Record<string, unknown>> = ResolversObject<{
  Holder:
    | ( LegalPersonRef )
    | ( PersonRef )
  ;
}>;


/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AdminDivision: ResolverTypeWrapper<DivisionRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Encumbrance: ResolverTypeWrapper<EncumbranceRow>;
  GeoJSON: ResolverTypeWrapper<Scalars['GeoJSON']['output']>;
  Holder: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['Holder']>;
  LegalPerson: ResolverTypeWrapper<LegalPersonRef>;
  Parcel: ResolverTypeWrapper<ParcelRow>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Person: ResolverTypeWrapper<PersonRef>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RealEstateRight: ResolverTypeWrapper<RightRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AdminDivision: DivisionRow;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Encumbrance: EncumbranceRow;
  GeoJSON: Scalars['GeoJSON']['output'];
  Holder: ResolversUnionTypes<ResolversParentTypes>['Holder'];
  LegalPerson: LegalPersonRef;
  Parcel: ParcelRow;
  Float: Scalars['Float']['output'];
  Person: PersonRef;
  Query: Record<PropertyKey, never>;
  RealEstateRight: RightRow;
  Boolean: Scalars['Boolean']['output'];
}>;

export type AdminDivisionResolvers<ContextType = GeospatialContext, ParentType extends ResolversParentTypes['AdminDivision'] = ResolversParentTypes['AdminDivision'], FederationReferenceType extends FederationReferenceTypes['AdminDivision'] = FederationReferenceTypes['AdminDivision']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AdminDivision']> | FederationReferenceType, FederationReferenceType, ContextType>;
  boundary?: Resolver<Maybe<ResolversTypes['GeoJSON']>, ParentType, ContextType>;
  children?: Resolver<Array<ResolversTypes['AdminDivision']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  levelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['AdminDivision']>, ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EncumbranceResolvers<ContextType = GeospatialContext, ParentType extends ResolversParentTypes['Encumbrance'] = ResolversParentTypes['Encumbrance']> = ResolversObject<{
  amount?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  documentNo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  holderName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kindCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  registeredOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
}>;

export interface GeoJsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['GeoJSON'], any> {
  name: 'GeoJSON';
}

export type HolderResolvers<ContextType = GeospatialContext, ParentType extends ResolversParentTypes['Holder'] = ResolversParentTypes['Holder']> = ResolversObject<{
  __resolveType: TypeResolveFn<'LegalPerson' | 'Person', ParentType, ContextType>;
}>;

export type LegalPersonResolvers<ContextType = GeospatialContext, ParentType extends ResolversParentTypes['LegalPerson'] = ResolversParentTypes['LegalPerson'], FederationReferenceType extends FederationReferenceTypes['LegalPerson'] = FederationReferenceTypes['LegalPerson']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LegalPerson']> | FederationReferenceType, FederationReferenceType, ContextType>;
  realEstateRights?: Resolver<Maybe<Array<ResolversTypes['RealEstateRight']>>, ParentType, ContextType>;
  uscc?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ParcelResolvers<ContextType = GeospatialContext, ParentType extends ResolversParentTypes['Parcel'] = ResolversParentTypes['Parcel'], FederationReferenceType extends FederationReferenceTypes['Parcel'] = FederationReferenceTypes['Parcel']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Parcel']> | FederationReferenceType, FederationReferenceType, ContextType>;
  area?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  division?: Resolver<ResolversTypes['AdminDivision'], ParentType, ContextType>;
  geometry?: Resolver<Maybe<ResolversTypes['GeoJSON']>, ParentType, ContextType>;
  landUse?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  landUseCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rights?: Resolver<Maybe<Array<ResolversTypes['RealEstateRight']>>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type PersonResolvers<ContextType = GeospatialContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  idNumber?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  realEstateRights?: Resolver<Maybe<Array<ResolversTypes['RealEstateRight']>>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = GeospatialContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  division?: Resolver<Maybe<ResolversTypes['AdminDivision']>, ParentType, ContextType, RequireFields<QueryDivisionArgs, 'code'>>;
  divisionAt?: Resolver<Maybe<ResolversTypes['AdminDivision']>, ParentType, ContextType, RequireFields<QueryDivisionAtArgs, 'lat' | 'lng'>>;
  parcel?: Resolver<Maybe<ResolversTypes['Parcel']>, ParentType, ContextType, RequireFields<QueryParcelArgs, 'code'>>;
  parcelsNear?: Resolver<Array<ResolversTypes['Parcel']>, ParentType, ContextType, RequireFields<QueryParcelsNearArgs, 'lat' | 'lng' | 'radiusMeters'>>;
}>;

export type RealEstateRightResolvers<ContextType = GeospatialContext, ParentType extends ResolversParentTypes['RealEstateRight'] = ResolversParentTypes['RealEstateRight']> = ResolversObject<{
  certificateNo?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  encumbrances?: Resolver<Maybe<Array<ResolversTypes['Encumbrance']>>, ParentType, ContextType>;
  holder?: Resolver<Maybe<ResolversTypes['Holder']>, ParentType, ContextType>;
  holderName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  parcel?: Resolver<Maybe<ResolversTypes['Parcel']>, ParentType, ContextType>;
  registeredOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = GeospatialContext> = ResolversObject<{
  AdminDivision?: AdminDivisionResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Encumbrance?: EncumbranceResolvers<ContextType>;
  GeoJSON?: GraphQLScalarType;
  Holder?: HolderResolvers<ContextType>;
  LegalPerson?: LegalPersonResolvers<ContextType>;
  Parcel?: ParcelResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RealEstateRight?: RealEstateRightResolvers<ContextType>;
}>;

