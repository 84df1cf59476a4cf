package com.truustrules.rule.expr;

import java.util.Map;
import java.util.Set;
import org.mvel2.UnresolveablePropertyException;
import org.mvel2.integration.VariableResolver;
import org.mvel2.integration.VariableResolverFactory;
import org.mvel2.integration.impl.SimpleValueResolver;

/**
 * The read-only variables of one evaluation: path values and constants by generated name. It
 * replaces MVEL's map-backed factory, which caches resolvers and copies them back into the map
 * after every run; a rule never assigns, so every write operation is refused.
 */
final class Variables implements VariableResolverFactory {

    private final Map<String, Integer> index;
    private final Object[] values;

    /** @param index generated name → position in values; shared by all evaluations, never modified */
    Variables(Map<String, Integer> index, Object[] values) {
        this.index = index;
        this.values = values;
    }

    @Override
    public VariableResolver getVariableResolver(String name) {
        Integer position = index.get(name);
        if (position == null) {
            throw new UnresolveablePropertyException(name);
        }
        return new SimpleValueResolver(values[position]);
    }

    @Override
    public boolean isTarget(String name) {
        return index.containsKey(name);
    }

    @Override
    public boolean isResolveable(String name) {
        return index.containsKey(name);
    }

    @Override
    public Set<String> getKnownVariables() {
        return index.keySet();
    }

    @Override
    public VariableResolver createVariable(String name, Object value) {
        throw readOnly();
    }

    @Override
    public VariableResolver createVariable(String name, Object value, Class<?> type) {
        throw readOnly();
    }

    @Override
    public VariableResolver createIndexedVariable(int index, String name, Object value) {
        throw readOnly();
    }

    @Override
    public VariableResolver createIndexedVariable(int index, String name, Object value, Class<?> type) {
        throw readOnly();
    }

    @Override
    public VariableResolver setIndexedVariableResolver(int index, VariableResolver resolver) {
        throw readOnly();
    }

    @Override
    public VariableResolver getIndexedVariableResolver(int index) {
        throw new UnsupportedOperationException("expression variables are not indexed");
    }

    @Override
    public VariableResolverFactory getNextFactory() {
        return null;
    }

    @Override
    public VariableResolverFactory setNextFactory(VariableResolverFactory next) {
        throw readOnly();
    }

    @Override
    public int variableIndexOf(String name) {
        return -1;
    }

    @Override
    public boolean isIndexedFactory() {
        return false;
    }

    @Override
    public boolean tiltFlag() {
        return false;
    }

    @Override
    public void setTiltFlag(boolean tilt) {
        // MVEL sets the tilt flag to leave a loop early; expressions have no loops.
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("expressions cannot create or change variables");
    }
}
