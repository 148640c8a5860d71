/**
 * The tables the subgraph reads, as `govgraph subgraph init` read them from the catalog of
 * shbx (mysql): names, types, comments and keys. The subgraph checks the
 * live database against this at start; in the embedded demo engine it creates them, empty.
 */
import type { LegacyTable } from '../../../lib/legacyDb';

export const TABLES: LegacyTable[] = [
  {
    "name": "SB_DWXX",
    "comment": "参保单位信息",
    "columns": [
      {
        "name": "DWBH",
        "sqlType": "char(12)",
        "kind": "text",
        "length": 12,
        "fixedWidth": true,
        "nullable": false,
        "comment": "单位编号"
      },
      {
        "name": "DWMC",
        "sqlType": "varchar(200)",
        "kind": "text",
        "length": 200,
        "nullable": false,
        "comment": "单位名称"
      },
      {
        "name": "TYSHXYDM",
        "sqlType": "char(18)",
        "kind": "text",
        "length": 18,
        "fixedWidth": true,
        "nullable": true,
        "comment": "统一社会信用代码"
      },
      {
        "name": "XZQH",
        "sqlType": "char(6)",
        "kind": "text",
        "length": 6,
        "fixedWidth": true,
        "nullable": false,
        "comment": "行政区划代码(GB/T 2260)"
      },
      {
        "name": "CBDJRQ",
        "sqlType": "date",
        "kind": "date",
        "nullable": false,
        "comment": "参保登记日期"
      },
      {
        "name": "GXSJ",
        "sqlType": "datetime",
        "kind": "timestamp",
        "nullable": false,
        "comment": "更新时间"
      }
    ],
    "primaryKey": [
      "DWBH"
    ],
    "foreignKeys": []
  },
  {
    "name": "SB_GRCBXX",
    "comment": "个人参保信息",
    "columns": [
      {
        "name": "GMSFHM",
        "sqlType": "char(18)",
        "kind": "text",
        "length": 18,
        "fixedWidth": true,
        "nullable": false,
        "comment": "公民身份号码"
      },
      {
        "name": "XZLX",
        "sqlType": "char(3)",
        "kind": "text",
        "length": 3,
        "fixedWidth": true,
        "nullable": false,
        "comment": "险种类型(DM_XZLX)"
      },
      {
        "name": "DWBH",
        "sqlType": "char(12)",
        "kind": "text",
        "length": 12,
        "fixedWidth": true,
        "nullable": true,
        "comment": "单位编号(SB_DWXX); 城乡居民险种为空"
      },
      {
        "name": "CBRQ",
        "sqlType": "date",
        "kind": "date",
        "nullable": false,
        "comment": "参保日期"
      },
      {
        "name": "CBZT",
        "sqlType": "char(1)",
        "kind": "text",
        "length": 1,
        "fixedWidth": true,
        "nullable": false,
        "comment": "参保状态(DM_CBZT)"
      },
      {
        "name": "JFYS",
        "sqlType": "int(11)",
        "kind": "int",
        "nullable": false,
        "comment": "缴费月数(累计)"
      },
      {
        "name": "GXSJ",
        "sqlType": "datetime",
        "kind": "timestamp",
        "nullable": false,
        "comment": "更新时间"
      }
    ],
    "primaryKey": [
      "GMSFHM",
      "XZLX"
    ],
    "foreignKeys": [
      {
        "name": "FK_SB_GRCBXX_CBZT",
        "columns": [
          "CBZT"
        ],
        "references": {
          "table": "DM_CBZT",
          "columns": [
            "DM"
          ]
        }
      },
      {
        "name": "FK_SB_GRCBXX_DWBH",
        "columns": [
          "DWBH"
        ],
        "references": {
          "table": "SB_DWXX",
          "columns": [
            "DWBH"
          ]
        }
      },
      {
        "name": "FK_SB_GRCBXX_XZLX",
        "columns": [
          "XZLX"
        ],
        "references": {
          "table": "DM_XZLX",
          "columns": [
            "DM"
          ]
        }
      }
    ]
  },
  {
    "name": "SB_JFMX",
    "comment": "缴费明细",
    "columns": [
      {
        "name": "GMSFHM",
        "sqlType": "char(18)",
        "kind": "text",
        "length": 18,
        "fixedWidth": true,
        "nullable": false,
        "comment": "公民身份号码"
      },
      {
        "name": "XZLX",
        "sqlType": "char(3)",
        "kind": "text",
        "length": 3,
        "fixedWidth": true,
        "nullable": false,
        "comment": "险种类型(DM_XZLX)"
      },
      {
        "name": "JFNY",
        "sqlType": "char(6)",
        "kind": "text",
        "length": 6,
        "fixedWidth": true,
        "nullable": false,
        "comment": "缴费年月(YYYYMM); 城乡居民险种按年缴费, 记在当年12月"
      },
      {
        "name": "JFJS",
        "sqlType": "int(11)",
        "kind": "int",
        "nullable": true,
        "comment": "缴费基数(分/月); 城乡居民险种为空"
      },
      {
        "name": "GRJF",
        "sqlType": "int(11)",
        "kind": "int",
        "nullable": false,
        "comment": "个人缴费金额(分)"
      },
      {
        "name": "DWJF",
        "sqlType": "int(11)",
        "kind": "int",
        "nullable": false,
        "comment": "单位缴费金额(分)"
      }
    ],
    "primaryKey": [
      "GMSFHM",
      "XZLX",
      "JFNY"
    ],
    "foreignKeys": [
      {
        "name": "FK_SB_JFMX_GRCBXX",
        "columns": [
          "GMSFHM",
          "XZLX"
        ],
        "references": {
          "table": "SB_GRCBXX",
          "columns": [
            "GMSFHM",
            "XZLX"
          ]
        }
      }
    ]
  },
  {
    "name": "DM_CBZT",
    "comment": "参保状态代码表",
    "columns": [
      {
        "name": "DM",
        "sqlType": "char(1)",
        "kind": "text",
        "length": 1,
        "fixedWidth": true,
        "nullable": false,
        "comment": "参保状态代码"
      },
      {
        "name": "MC",
        "sqlType": "varchar(20)",
        "kind": "text",
        "length": 20,
        "nullable": false,
        "comment": "参保状态名称"
      }
    ],
    "primaryKey": [
      "DM"
    ],
    "foreignKeys": []
  }
];
