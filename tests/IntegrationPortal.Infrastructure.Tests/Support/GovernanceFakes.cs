using IntegrationPortal.Application.Policies;
using IntegrationPortal.Application.Templates;

namespace IntegrationPortal.Infrastructure.Tests.Support;

/// <summary>A policy evaluator that returns the violations a test sets, and records what it was asked.</summary>
public sealed class FakePolicyEvaluator : IPolicyEvaluator
{
    public List<PolicyViolation> Violations { get; } = [];

    public List<PolicySubject> Subjects { get; } = [];

    public Task<PolicyVerdict> EvaluateAsync(PolicySubject subject, CancellationToken cancellationToken)
    {
        Subjects.Add(subject);
        return Task.FromResult(new PolicyVerdict([.. Violations]));
    }
}

/// <summary>A template matcher that returns the matches a test sets, and records the shapes it was asked about.</summary>
public sealed class FakeTemplateMatcher : ITemplateMatcher
{
    public List<TemplateMatch> Matches { get; } = [];

    public List<RequestShape> Shapes { get; } = [];

    public Task<IReadOnlyList<TemplateMatch>> MatchAsync(RequestShape request, CancellationToken cancellationToken)
    {
        Shapes.Add(request);
        return Task.FromResult<IReadOnlyList<TemplateMatch>>([.. Matches]);
    }
}
