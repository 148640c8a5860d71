// Boots GraphiQL against this gateway with the flagship query as the default tab.
(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var defaultQuery = [
    '# 最低生活保障家庭经济状况核对 — a household, its businesses and real estate, in one request.',
    '# All data is synthetic.',
    'query DibaoHousehold {',
    '  person(idNumber: "320102198001011238") {',
    '    name',
    '    household {',
    '      members {',
    '        relationToHead',
    '        person {',
    '          name',
    '          legalRepresentativeOf { name status }',
    '          shareholdings { company { name } }',
    '          realEstateRights {',
    '            certificateNo',
    '            parcel { code division { name } }',
    '            encumbrances { kind }',
    '          }',
    '          socialInsurance { insuranceType status employer { name } monthlyContributionBase paidMonths lastPaidMonth }',
    '        }',
    '      }',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
  var defaults = window.GOVGRAPH_DEFAULT_HEADERS || {};
  var saved = window.localStorage.getItem('govgraph:headers') ||
    (Object.keys(defaults).length ? JSON.stringify(defaults, null, 2) : null);
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultEditorToolsVisibility: true,
      headers: saved || undefined,
      onEditHeaders: function (h) { window.localStorage.setItem('govgraph:headers', h); },
      shouldPersistHeaders: true,
    }),
  );
})();
