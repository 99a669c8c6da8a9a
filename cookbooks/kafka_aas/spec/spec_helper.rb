# ChefSpec: needs Chef Workstation (chef exec rspec). The cookbook's logic lives in the helper, where it is tested;
# these specs pin what the recipes declare and how the resources call the helper.
require 'chefspec'

RSpec.configure do |config|
  config.log_level = :error
end
