using IntegrationPortal.Application.Policies;
using IntegrationPortal.Application.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationPortal.Web.Tests.Fakes;

/// <summary>
/// An evaluator without policies and a matcher without templates, for hosts of the whole portal.
/// They are added only where the portal registers no implementation of its own.
/// </summary>
public static class GovernanceFakes
{
    public static void AddWhereMissing(IServiceCollection services)
    {
        services.TryAddSingleton<IPolicyEvaluator, NoPolicies>();
        services.TryAddSingleton<ITemplateMatcher, NoTemplates>();
    }

    private sealed class NoPolicies : IPolicyEvaluator
    {
        public Task<PolicyVerdict> EvaluateAsync(PolicySubject subject, CancellationToken cancellationToken) =>
            Task.FromResult(PolicyVerdict.Allowed);
    }

    private sealed class NoTemplates : ITemplateMatcher
    {
        public Task<IReadOnlyList<TemplateMatch>> MatchAsync(RequestShape request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<TemplateMatch>>([]);
    }
}
