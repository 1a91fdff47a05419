package io.flopx.matching.engine;

class ReferenceEngineTest extends MatchingEngineScenarios {

    @Override
    MatchingEngine newEngine() {
        return MatchingEngine.reference();
    }
}
