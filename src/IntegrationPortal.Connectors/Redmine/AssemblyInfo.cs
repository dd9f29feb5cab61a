using System.Runtime.CompilerServices;

// The Redmine tests set RedmineConnector.PageSize to page through small projects.
[assembly: InternalsVisibleTo("IntegrationPortal.Connectors.Tests")]
