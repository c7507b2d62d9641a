using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Validation;
using Ziggie.Backend.Api;

namespace Ziggie.Tests.Api;

// The resolver interface is marked experimental (ASP0029); AddValidation() itself is built on it.
#pragma warning disable ASP0029

public class CachedValidationInfoTests
{
    [Fact]
    public void A_type_is_described_once_and_the_same_description_is_handed_out_again()
    {
        var inner = new CountingResolver(typeof(string));
        var cached = new CachedValidationInfo(inner);

        Assert.True(cached.TryGetValidatableTypeInfo(typeof(string), out var first));
        Assert.True(cached.TryGetValidatableTypeInfo(typeof(string), out var second));

        Assert.Same(first, second);
        Assert.Equal(1, inner.Asked);
    }

    [Fact]
    public void A_type_one_resolver_does_not_know_still_goes_to_the_next_and_is_not_asked_again()
    {
        var options = new ValidationOptions();
        options.Resolvers.Clear();
        var first = new CountingResolver(typeof(int));
        var second = new CountingResolver(typeof(string));
        options.Resolvers.Add(first);
        options.Resolvers.Add(second);
        CachedValidationInfo.WrapResolvers(options);
        CachedValidationInfo.WrapResolvers(options); // twice: no wrapper around a wrapper

        Assert.True(options.TryGetValidatableTypeInfo(typeof(string), out var info));
        Assert.True(options.TryGetValidatableTypeInfo(typeof(string), out _));
        Assert.False(options.TryGetValidatableTypeInfo(typeof(Uri), out _));
        Assert.False(options.TryGetValidatableTypeInfo(typeof(Uri), out _));

        Assert.Same(second.Info, info);
        Assert.All(options.Resolvers, r => Assert.IsType<CachedValidationInfo>(r));
        Assert.IsNotType<CachedValidationInfo>(((CachedValidationInfo)options.Resolvers[0]).Inner);
        Assert.Equal((2, 2), (first.Asked, second.Asked)); // string and Uri once each, whatever the answer
    }

    private sealed class CountingResolver(Type known) : IValidatableInfoResolver
    {
        public int Asked { get; private set; }
        public IValidatableInfo Info { get; } = new NoRules();

        public bool TryGetValidatableTypeInfo(Type type, [NotNullWhen(true)] out IValidatableInfo? validatableInfo)
        {
            Asked++;
            validatableInfo = type == known ? Info : null;
            return validatableInfo is not null;
        }

        public bool TryGetValidatableParameterInfo(ParameterInfo parameterInfo, [NotNullWhen(true)] out IValidatableInfo? validatableInfo)
        {
            validatableInfo = null;
            return false;
        }
    }

    private sealed class NoRules : IValidatableInfo
    {
        public Task ValidateAsync(object? value, ValidateContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
