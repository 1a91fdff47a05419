package io.flopx.matching.engine;

class IndexedEngineTest extends MatchingEngineScenarios {

    @Override
    MatchingEngine newEngine() {
        return MatchingEngine.indexed();
    }
}
